#!/usr/bin/env bash
# The exact recipe of the model Earshot ships (Sources/Earshot/Resources/default.safetensors).
#
# Usage (from the repository root):
#   Scripts/train-default-model.sh [--out-dir runs/default] [--epochs 30] [--seed 1]
#       [--leave-out SPEAKER] [--no-prepare] [--no-install]
#
# 1. Prepares the data (Scripts/data/prepare-all.sh).
# 2. Builds earshot and trains a 2-layer bidirectional GRU (128 units per direction) with CTC on
#      FSDD takes 10-49 (fsdd-train) and synthetic words and phrases in 200+ espeak-ng / flite
#      voices (synth-train, synth-phrases-train),
#    with augmentation (speed, gain, shift, SpecAugment, random sequences of clips; recorded
#    white / pink / babble noise at 5-30 dB SNR; noise-only items labelled with no words),
#    validating on fsdd-dev + synth-dev (the best epoch by dev WER is kept).
# 3. Evaluates the best model on every dev set (Scripts/evaluate-model.sh).
# 4. Copies it to Sources/Earshot/Resources/default.safetensors with the dev figures in its
#    provenance (skipped with --no-install or --leave-out).
#
# --leave-out SPEAKER trains the same recipe without that FSDD speaker: training on
# fsdd-loso-SPEAKER-train (random sequences and babble noise are made of those clips only), validating on
# fsdd-dev without that speaker + synth-dev, and testing on fsdd-loso-SPEAKER-test (takes 5-49 of
# the speaker). Scripts/leave-one-speaker-out.sh runs it for each speaker.
#
# Everything is seeded (--seed): the same command gives the same model (with the same threads and
# the same build of earshot; the shipped file was trained by the training code of its commit).
set -euo pipefail
cd "$(dirname "$0")/.."

OUT_DIR=""
EPOCHS=30
SEED=1
LEAVE_OUT=""
PREPARE=1
INSTALL=1
while [ $# -gt 0 ]; do
  case "$1" in
    --out-dir) OUT_DIR="$2"; shift 2 ;;
    --epochs) EPOCHS="$2"; shift 2 ;;
    --seed) SEED="$2"; shift 2 ;;
    --leave-out) LEAVE_OUT="$2"; shift 2 ;;
    --no-prepare) PREPARE=0; shift ;;
    --no-install) INSTALL=0; shift ;;
    -h|--help) sed -n '2,/^[^#]/{/^#/s/^# \?//p}' "$0"; exit 0 ;;
    *) echo "unknown option: $1" >&2; exit 2 ;;
  esac
done

M=data-cache/manifests
WORDS=zero,one,two,three,four,five,six,seven,eight,nine,yes,no,up,down,left,right,on,off,stop,go

if [ "$PREPARE" = 1 ]; then
  Scripts/data/prepare-all.sh --out data-cache --seed 1
fi

if [ -z "$LEAVE_OUT" ]; then
  NAME=default
  FSDD_TRAIN=$M/fsdd-train.jsonl
  FSDD_DEV=$M/fsdd-dev.jsonl
else
  case "$LEAVE_OUT" in george|jackson|lucas|nicolas|yweweler) ;; *) echo "unknown speaker: $LEAVE_OUT" >&2; exit 2 ;; esac
  NAME=loso-$LEAVE_OUT
  INSTALL=0
  FSDD_TRAIN=$M/fsdd-loso-$LEAVE_OUT-train.jsonl
  FSDD_DEV=$M/fsdd-dev-without-$LEAVE_OUT.jsonl
  grep -v "_${LEAVE_OUT}_" $M/fsdd-dev.jsonl > "$FSDD_DEV"
fi
OUT_DIR=${OUT_DIR:-runs/$NAME}
# Recorded noise for augmentation: white, pink and babble (babble is mixed from the training
# speakers only), at the model's rate.
NOISE=data-cache/noise/$(basename "$FSDD_TRAIN" .jsonl)
python3 Scripts/data/make-noise.py --manifest "$FSDD_TRAIN" --seed 1 --out data-cache

swift build -c release --product earshot
EARSHOT=.build/release/earshot
mkdir -p "$OUT_DIR"
MODEL=$OUT_DIR/$NAME.safetensors

# The recipe. Architecture, optimiser and most augmentation are `earshot train`'s defaults, spelled
# out so the command stays the same if the defaults change: speed 0.9-1.1x, gain +-6 dB, up to
# 0.1 s of padding at each end and SpecAugment masks, each with a chance of 0.5; random sequences of 2-7 clips
# joined by faint-noise pauses, half as many as there are clips (--concat 0.5: the model must
# meet words in mid-utterance, or it learns to fire on the first frame and cannot stream).
# Dither 1 (Kaldi's), seeded per frame: digital silence is then faint noise, not the features' log
# floor. Changed from the defaults: noise for 60 % of items at 5-30 dB SNR, from the recorded noise;
# noise-only items (5 % of the clips, labelled with no words) from the same recordings.
set -x
"$EARSHOT" train \
  --data "$FSDD_TRAIN" --data $M/synth-train.jsonl --data $M/synth-phrases-train.jsonl \
  --dev "$FSDD_DEV" --dev $M/synth-dev.jsonl \
  --words $WORDS --sample-frequency 8000 --dither 1 \
  --hidden 128 --layers 2 --dropout 0.1 \
  --epochs "$EPOCHS" --patience 8 --batch-size 32 --lr 1e-3 --warmup 100 --decay 0.95 --clip 5 \
  --speed 0.5 --gain 0.5 --shift 0.5 --shift-seconds 0.1 --spec-augment 0.5 --concat 0.5 \
  --noise 0.6 --snr 5:30 --noise-only 0.05 \
  --noise-file $NOISE/white.wav --noise-file $NOISE/pink.wav --noise-file $NOISE/babble.wav \
  --seed "$SEED" --threads 2 \
  --out "$MODEL" 2>&1 | tee "$OUT_DIR/train.log"
set +x

if [ -z "$LEAVE_OUT" ]; then
  Scripts/evaluate-model.sh --model "$MODEL" --json-out "$OUT_DIR/eval.json" | tee "$OUT_DIR/eval.txt"
else
  Scripts/evaluate-model.sh --model "$MODEL" --sets "fsdd-loso-$LEAVE_OUT-test" --json-out "$OUT_DIR/eval.json" \
    | tee "$OUT_DIR/eval.txt"
fi

if [ "$INSTALL" = 1 ]; then
  python3 Scripts/set-provenance.py "$MODEL" --eval "$OUT_DIR/eval.json" \
    --dataset "FSDD takes 10-49 of 5 speakers (CC BY-SA 4.0, Zohar Jackson et al., doi:10.5281/zenodo.1342401) + espeak-ng/flite synthetic words and phrases; dev: FSDD takes 5-9 + held-out synthetic voices" \
    --recipe "Scripts/train-default-model.sh --seed $SEED --epochs $EPOCHS" \
    --out Sources/Earshot/Resources/default.safetensors
  "$EARSHOT" inspect Sources/Earshot/Resources/default.safetensors
fi
