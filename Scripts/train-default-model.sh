#!/usr/bin/env bash
# Train the model shipped as Sources/Earshot/Resources/default.safetensors: 20 words (the ten
# digits and yes no up down left right on off stop go) at 8 kHz, on FSDD takes 10-49 and the
# synthetic training voices, validated on FSDD takes 5-9 and the held-out synthetic voices.
#
# Usage (from the repository root, after Scripts/data/prepare-all.sh):
#   Scripts/train-default-model.sh [--out data-cache/models/default.safetensors] [extra earshot train flags]
#
# Writes the model, its checkpoint, curve (SVG) and summary (JSON) under data-cache/models/; copy
# the model to Sources/Earshot/Resources/default.safetensors to ship it. Ctrl-C stops with a
# checkpoint; run again with --resume to continue.
set -euo pipefail

OUT=data-cache/models/default.safetensors
if [ "${1:-}" = "--out" ]; then OUT="$2"; shift 2; fi
if [ "${1:-}" = "-h" ] || [ "${1:-}" = "--help" ]; then sed -n '2,/^[^#]/{/^#/s/^# \?//p}' "$0"; exit 0; fi
M=data-cache/manifests

swift build -c release --product earshot
.build/release/earshot train \
  --data "$M/fsdd-train.jsonl" --data "$M/synth-train.jsonl" --data "$M/synth-phrases-train.jsonl" \
  --dev "$M/fsdd-dev.jsonl" --dev "$M/synth-dev.jsonl" \
  --sample-frequency 8000 --epochs 30 --seed 1 --out "$OUT" "$@"
