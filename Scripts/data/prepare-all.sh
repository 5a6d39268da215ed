#!/usr/bin/env bash
# Prepare every data set the training recipes and evaluations use, in order.
#
# Usage (from the repository root):
#   Scripts/data/prepare-all.sh [--shared ../shared] [--out data-cache] [--jobs 2] [--seed 1]
#
# Steps (each skips the clips it already made, so re-running is quick):
#   1. fsdd-splits.py        fsdd-train / fsdd-dev / fsdd-loso-<speaker>-{train,test}
#   2. synthesize-words.sh   synth-{train,dev}, synth-phrases-{train,dev}   (espeak-ng, flite, sox)
#   3. connected-digits.py   connected-dev (100 strings from fsdd-dev),
#                            connected-train (1000 strings from fsdd-train)
#   4. add-noise.py          fsdd-dev-snr10, connected-dev-snr10
# All output goes under <out>/ (manifests in <out>/manifests/); nothing is written elsewhere.
# Ends with a table of every manifest's clip count and total duration.
set -euo pipefail

SHARED=../shared
OUT=data-cache
JOBS=2
SEED=1
while [ $# -gt 0 ]; do
  case "$1" in
    --shared) SHARED="$2"; shift 2 ;;
    --out) OUT="$2"; shift 2 ;;
    --jobs) JOBS="$2"; shift 2 ;;
    --seed) SEED="$2"; shift 2 ;;
    -h|--help) sed -n '2,/^[^#]/{/^#/s/^# \?//p}' "$0"; exit 0 ;;
    *) echo "unknown option: $1" >&2; exit 2 ;;
  esac
done
HERE="$(cd "$(dirname "$0")" && pwd)"
M="$OUT/manifests"
start=$SECONDS
step() { echo "== $* ($((SECONDS - start)) s)"; }

step "1/4 FSDD splits"
python3 "$HERE/fsdd-splits.py" --shared "$SHARED" --out "$M"

step "2/4 synthetic words and phrases"
"$HERE/synthesize-words.sh" --out "$OUT" --seed "$SEED" --jobs "$JOBS"

step "3/4 connected digit strings"
python3 "$HERE/connected-digits.py" --manifest "$M/fsdd-dev.jsonl" --name connected-dev \
    --count 100 --seed "$SEED" --out "$OUT"
python3 "$HERE/connected-digits.py" --manifest "$M/fsdd-train.jsonl" --name connected-train \
    --count 1000 --seed "$((SEED + 1))" --out "$OUT"

step "4/4 noisy copies at 10 dB SNR"
python3 "$HERE/add-noise.py" --manifest "$M/fsdd-dev.jsonl" --snr 10 --seed "$SEED" --out "$OUT" &
python3 "$HERE/add-noise.py" --manifest "$M/connected-dev.jsonl" --snr 10 --seed "$SEED" --out "$OUT" &
wait %1 && wait %2

step "done"
python3 "$HERE/manifest-table.py" "$M"
