#!/usr/bin/env bash
# The speed row: train on FSDD alone (fsdd-train -> fsdd-dev, no synthetic data) and measure the
# wall time and epochs until dev accuracy first reaches a target (default 98 %), then stop the
# run (Ctrl-C semantics: checkpoint saved, exit 130). Prints wall seconds from launch (data
# loading and feature extraction included), epochs, and training throughput: seconds of
# fsdd-train audio per wall second of training (each epoch plays every clip once).
#
# Usage (from the repository root):
#   Scripts/fsdd-speed-run.sh [--target 0.98] [--out-dir runs/fsdd-speed] [--epochs 30] [--seed 1]
set -euo pipefail
cd "$(dirname "$0")/.."

TARGET=0.98
OUT_DIR=runs/fsdd-speed
EPOCHS=30
SEED=1
while [ $# -gt 0 ]; do
  case "$1" in
    --target) TARGET="$2"; shift 2 ;;
    --out-dir) OUT_DIR="$2"; shift 2 ;;
    --epochs) EPOCHS="$2"; shift 2 ;;
    --seed) SEED="$2"; shift 2 ;;
    -h|--help) sed -n '2,/^[^#]/{/^#/s/^# \?//p}' "$0"; exit 0 ;;
    *) echo "unknown option: $1" >&2; exit 2 ;;
  esac
done
M=data-cache/manifests
[ -f $M/fsdd-train.jsonl ] || python3 Scripts/data/fsdd-splits.py --shared ../shared --out $M
swift build -c release --product earshot
mkdir -p "$OUT_DIR"
LOG=$OUT_DIR/train.jsonl

CMD=(.build/release/earshot train
  --data $M/fsdd-train.jsonl --dev $M/fsdd-dev.jsonl
  --words zero,one,two,three,four,five,six,seven,eight,nine --sample-frequency 8000
  --hidden 128 --layers 2 --dropout 0.1
  --epochs "$EPOCHS" --patience 0 --batch-size 16 --lr 2e-3 --warmup 50 --decay 0.9 --clip 5
  --speed 0.5 --gain 0.5 --shift 0.5 --spec-augment 0.5 --noise 0.5 --concat 0
  --seed "$SEED" --threads 2 --json-log
  --out "$OUT_DIR/fsdd.safetensors")
echo "+ ${CMD[*]}"
START=$(date +%s.%N)
"${CMD[@]}" > "$LOG" &
PID=$!
# Stop the run as soon as an epoch reaches the target.
python3 Scripts/evaluation/stop-at-accuracy.py "$LOG" "$TARGET" "$START" "$PID" --manifest $M/fsdd-train.jsonl
wait "$PID" || true
