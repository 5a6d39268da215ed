#!/usr/bin/env bash
# Leave-one-speaker-out: the real-voices recipe (Scripts/train-default-model.sh) trained
# without one FSDD speaker -- its clips are absent from training, from the random sequences, from
# the babble noise, from the reversed-speech negatives, and from the dev set used to pick the epoch -- then scored on that
# speaker's takes 5-49 (data-cache/manifests/fsdd-loso-<speaker>-test.jsonl).
#
# Usage (from the repository root):
#   Scripts/leave-one-speaker-out.sh [--epochs 8] [--speakers "george jackson lucas nicolas yweweler"]
#       [--out-dir runs] [--no-prepare] [--table-only]
#
# The runs go one after another (each uses both cores); to use more of a shared machine, start
# two with different --speakers, then print the whole table with --table-only. The default
# budget, 8 epochs (about 13 minutes a speaker on 2 cores), is smaller than the shipped model's
# 26 (time): the figures are a pessimistic estimate. Ends with a table: accuracy and WER per
# left-out speaker, and the mean.
# Results: <out-dir>/loso-<speaker>/eval.json.
set -euo pipefail
cd "$(dirname "$0")/.."

EPOCHS=8
SPEAKERS="george jackson lucas nicolas yweweler"
OUT=runs
PREPARE=(--no-prepare)
FIRST_PREPARE=1
TABLE_ONLY=0
while [ $# -gt 0 ]; do
  case "$1" in
    --epochs) EPOCHS="$2"; shift 2 ;;
    --speakers) SPEAKERS="$2"; shift 2 ;;
    --out-dir) OUT="$2"; shift 2 ;;
    --no-prepare) FIRST_PREPARE=0; shift ;;
    --table-only) TABLE_ONLY=1; shift ;;
    -h|--help) sed -n '2,/^[^#]/{/^#/s/^# \?//p}' "$0"; exit 0 ;;
    *) echo "unknown option: $1" >&2; exit 2 ;;
  esac
done

for s in $SPEAKERS; do
  [ "$TABLE_ONLY" = 1 ] && break
  if [ "$FIRST_PREPARE" = 1 ]; then PREP=(); FIRST_PREPARE=0; else PREP=("${PREPARE[@]}"); fi
  Scripts/train-default-model.sh --leave-out "$s" --epochs "$EPOCHS" --out-dir "$OUT/loso-$s" "${PREP[@]}"
done

python3 Scripts/evaluation/loso-table.py "$OUT" $SPEAKERS
