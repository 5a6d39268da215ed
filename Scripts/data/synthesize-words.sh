#!/usr/bin/env bash
# Synthesize the 20 vocabulary words and short multi-word command phrases with
# many text-to-speech voices (espeak-ng and flite), as 8 kHz mono 16-bit WAV
# trimmed of leading/trailing silence like FSDD.
#
# Usage (from the repository root):
#   Scripts/data/synthesize-words.sh [--out data-cache] [--seed 1] [--jobs 2]
#
# Writes:
#   <out>/synth/words/<word>/<word>_<voice>_<n>.wav       (folder-per-word layout)
#   <out>/synth/phrases/<split>/<id>.wav
#   <out>/synth/plan.tsv                                  (every clip's voice, rate, pitch, gain, text)
#   <out>/manifests/synth-train.jsonl, synth-dev.jsonl
#   <out>/manifests/synth-phrases-train.jsonl, synth-phrases-dev.jsonl
# Voices are split: dev uses voices never used for train (other espeak-ng
# accents and variants, and the flite voice slt), so dev measures generalisation
# to unseen voices. Deterministic for a given --seed; clips that already exist
# are skipped, so re-running is cheap. Needs espeak-ng, flite, sox, python3.
set -euo pipefail

OUT=data-cache
SEED=1
JOBS=2
while [ $# -gt 0 ]; do
  case "$1" in
    --out) OUT="$2"; shift 2 ;;
    --seed) SEED="$2"; shift 2 ;;
    --jobs) JOBS="$2"; shift 2 ;;
    -h|--help) sed -n '2,/^[^#]/{/^#/s/^# \?//p}' "$0"; exit 0 ;;
    *) echo "unknown option: $1" >&2; exit 2 ;;
  esac
done
for tool in espeak-ng flite sox python3; do
  command -v "$tool" >/dev/null || { echo "error: $tool not found" >&2; exit 1; }
done
HERE="$(cd "$(dirname "$0")" && pwd)"
SYN="$OUT/synth"
mkdir -p "$SYN" "$OUT/manifests"

# 1. The plan: one tab-separated line per clip (deterministic for the seed).
#    fields: kind split path engine voice rate pitch gain text
python3 "$HERE/synthesis-plan.py" "$SYN" "$SEED" > "$SYN/plan.tsv.tmp"
mv "$SYN/plan.tsv.tmp" "$SYN/plan.tsv"

# 2. Render every planned clip that does not exist yet, JOBS at a time.
render() {
  local line kind split path engine voice rate pitch gain text tmp
  for line in "$@"; do
    IFS=$'\t' read -r kind split path engine voice rate pitch gain text <<<"$line"
    [ -s "$path" ] && continue
    mkdir -p "$(dirname "$path")"
    tmp="${path%.wav}.raw.wav"
    if [ "$engine" = espeak ]; then
      espeak-ng -v "$voice" -s "$rate" -p "$pitch" -w "$tmp" "$text"
    else
      flite -voice "$voice" --setf duration_stretch="$rate" --setf int_f0_target_mean="$pitch" \
            -t "$text" -o "$tmp"
    fi
    # headroom for resampling, normalise, trim edges below -60 dBFS (synthetic edges are
    # digital silence; a higher threshold would eat weak fricatives such as the /f/ of "off"),
    # then set the peak level to the planned random gain.
    sox -V1 "$tmp" -b 16 -D "${path%.wav}.part.wav" gain -3 rate 8000 channels 1 gain -n -1 \
        silence 1 0.01 0.1% reverse silence 1 0.01 0.1% reverse gain -n "$gain"
    rm -f "$tmp"
    mv "${path%.wav}.part.wav" "$path"
  done
}
export -f render
todo=$(awk -F'\t' '{print $3}' "$SYN/plan.tsv" | while read -r p; do [ -s "$p" ] || echo x; done | wc -l)
echo "synth: $(wc -l < "$SYN/plan.tsv") clips planned, $todo to render with $JOBS jobs"
tr -d '\r' < "$SYN/plan.tsv" | xargs -d '\n' -n 40 -P "$JOBS" bash -c 'render "$@"' _

# 3. Manifests (paths relative to the manifest folder).
python3 "$HERE/synthesis-manifests.py" "$SYN/plan.tsv" "$OUT/manifests"
