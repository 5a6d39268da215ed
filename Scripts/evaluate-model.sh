#!/usr/bin/env bash
# Score a model on every dev set with `earshot eval` and print one table.
#
# Usage (from the repository root):
#   Scripts/evaluate-model.sh [--model runs/default/default.safetensors] [--sets "a b c"]
#       [--json-out eval.json] [--threads 2]
#
# Default model: the bundled one (Sources/Earshot/Resources/default.safetensors).
# Default sets (data-cache/manifests/<set>.jsonl, made by the data steps of
# Scripts/train-default-model.sh):
#   sc-dev-commands sc-dev-digits   Speech Commands words of speakers never trained on
#   sc-dev-commands-8k sc-dev-digits-8k   the same clips in the telephone band (resampled to 8 kHz)
#   sc-dev-commands-reverb sc-dev-digits-reverb   the same clips in a reverberant room (sox reverb)
#   sc-dev-commands-quiet20 sc-dev-digits-quiet20 sc-other-dev-quiet20   the same clips 20 dB quieter
#   sc-dev-commands-quiet30 sc-dev-digits-quiet30   and 30 dB quieter (a quiet or distant microphone)
#   sc-other-dev synth-other-dev    other words (real dev speakers; synthetic, held-out voices):
#                                   right when nothing is reported
#   spliced-sc-dev                  dev speakers' words spliced into non-words: right when nothing
#                                   is reported
#   sc-noise-dev                    background noise alone: right when nothing is reported
#   fsdd-dev synth-dev synth-phrases-dev connected-dev fsdd-dev-snr10 connected-dev-snr10
# A set can be in a subfolder: fold-1/sc-dev-commands (train-default-model.sh --fold 1).
# Columns: clips, clip accuracy (recognised words = reference), WER, CER, real-time factor.
# --json-out writes {set: earshot eval --json report} for scripts (Scripts/set-provenance.py).
set -euo pipefail
cd "$(dirname "$0")/.."

MODEL=""
SETS="sc-dev-commands sc-dev-digits sc-dev-commands-8k sc-dev-digits-8k sc-dev-commands-reverb sc-dev-digits-reverb sc-dev-commands-quiet20 sc-dev-digits-quiet20 sc-dev-commands-quiet30 sc-dev-digits-quiet30 sc-other-dev sc-other-dev-quiet20 spliced-sc-dev synth-other-dev sc-noise-dev fsdd-dev synth-dev synth-phrases-dev connected-dev fsdd-dev-snr10 connected-dev-snr10"
JSON_OUT=""
THREADS=2
while [ $# -gt 0 ]; do
  case "$1" in
    --model) MODEL="$2"; shift 2 ;;
    --sets) SETS="$2"; shift 2 ;;
    --json-out) JSON_OUT="$2"; shift 2 ;;
    --threads) THREADS="$2"; shift 2 ;;
    -h|--help) sed -n '2,/^[^#]/{/^#/s/^# \?//p}' "$0"; exit 0 ;;
    *) echo "unknown option: $1" >&2; exit 2 ;;
  esac
done
EARSHOT=${EARSHOT:-.build/release/earshot}
[ -x "$EARSHOT" ] || swift build -c release --product earshot
MODEL_ARGS=()
[ -n "$MODEL" ] && MODEL_ARGS=(--model "$MODEL")

TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
for s in $SETS; do
  mkdir -p "$(dirname "$TMP/$s.json")"
  echo "+ earshot eval ${MODEL_ARGS[*]} --data data-cache/manifests/$s.jsonl --json" >&2
  "$EARSHOT" eval "${MODEL_ARGS[@]}" --data "data-cache/manifests/$s.jsonl" --threads "$THREADS" --json > "$TMP/$s.json"
done

python3 Scripts/evaluation/eval-table.py "$TMP" $SETS ${JSON_OUT:+--json-out "$JSON_OUT"}
