#!/usr/bin/env bash
# The recipe scored on every real speaker: a 5-fold split of Speech Commands by speaker
# (Scripts/data/speech-commands-splits.py --fold K), one run of Scripts/train-default-model.sh
# --fold K per fold, each trained on four fifths of the 145 speakers and scored on the fifth it
# never heard. The 27 dev speakers of every other run are fold 0.
#
# Usage (from the repository root):
#   Scripts/speaker-folds.sh [--folds "0 1 2 3 4"] [--out-dir runs] [--seed 1] [--threads 2]
#       [--no-prepare] [--table-only]
#
# The runs go one after another (each about 50 minutes on 2 cores). Each run scores its model on
# its dev speakers' words and other words: per word and per speaker (breakdown.py, into
# <out-dir>/fold-K/breakdown.json), and per confidence threshold (calibration.py, into
# calibration.json). Ends with the tables of
# Scripts/evaluation/fold-table.py: commands, digits, other words rejected and in-vocabulary clips
# rejected per fold and over all folds run, and the threshold table over all folds run.
set -euo pipefail
cd "$(dirname "$0")/.."

FOLDS="0 1 2 3 4"
OUT=runs
SEED=1
THREADS=2
PREPARE=()
TABLE_ONLY=0
while [ $# -gt 0 ]; do
  case "$1" in
    --folds) FOLDS="$2"; shift 2 ;;
    --out-dir) OUT="$2"; shift 2 ;;
    --seed) SEED="$2"; shift 2 ;;
    --threads) THREADS="$2"; shift 2 ;;
    --no-prepare) PREPARE=(--no-prepare); shift ;;
    --table-only) TABLE_ONLY=1; shift ;;
    -h|--help) sed -n '2,/^[^#]/{/^#/s/^# \?//p}' "$0"; exit 0 ;;
    *) echo "unknown option: $1" >&2; exit 2 ;;
  esac
done

for k in $FOLDS; do
  [ "$TABLE_ONLY" = 1 ] && break
  Scripts/train-default-model.sh --fold "$k" --seed "$SEED" --threads "$THREADS" --out-dir "$OUT/fold-$k" "${PREPARE[@]}"
  PREPARE=(--no-prepare)
done

FOLDERS=()
for k in $FOLDS; do FOLDERS+=("$OUT/fold-$k"); done
python3 Scripts/evaluation/fold-table.py "${FOLDERS[@]}"
