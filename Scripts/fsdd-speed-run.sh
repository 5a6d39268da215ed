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
python3 - "$LOG" "$TARGET" "$START" "$PID" <<'PY'
import json, os, signal, sys, time
log, target, start, pid = sys.argv[1], float(sys.argv[2]), float(sys.argv[3]), int(sys.argv[4])
audio = sum(json.loads(l)["duration"] for l in open("data-cache/manifests/fsdd-train.jsonl") if l.strip())
seen, train_seconds = 0, 0.0
while True:
    lines = open(log).read().splitlines()
    for line in lines[seen:]:
        try:
            e = json.loads(line)
        except ValueError:
            continue
        if e.get("event") != "epoch":
            continue
        acc = e["dev_accuracy"] if "dev_accuracy" in e else e["devAccuracy"]
        train_seconds += e["seconds"]
        wall = time.time() - start
        print("epoch %d: dev accuracy %.2f %%, epoch %.1f s, wall %.1f s since launch" % (e["epoch"], 100 * acc, e["seconds"], wall), flush=True)
        if acc >= target:
            print("reached %.0f %% dev accuracy after %d epochs: %.1f s wall from launch, %.1f s of training epochs; "
                  "throughput %.0f s of audio per wall second (%.1f s of fsdd-train audio per epoch)"
                  % (100 * target, e["epoch"], wall, train_seconds, audio * e["epoch"] / train_seconds, audio), flush=True)
            os.kill(pid, signal.SIGINT)
            sys.exit(0)
    seen = len(lines)
    try:
        os.kill(pid, 0)
    except OSError:
        print("the run ended without reaching %.0f %%" % (100 * target))
        sys.exit(1)
    time.sleep(0.5)
PY
wait "$PID" || true
