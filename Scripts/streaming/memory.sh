#!/usr/bin/env bash
# Memory of a long stream: stream-generator.py pipes hours of clips and pauses into
# `earshot stream -` as fast as it can take them, and the stream's resident memory (VmRSS, and the
# peak VmHWM) is sampled from /proc every few seconds, next to how much audio it has heard.
#
# Usage (from the repository root):
#   Scripts/streaming/memory.sh MANIFEST [--seconds 7200] [--every 10] [--rate 8000]
#                               [--earshot .build/release/earshot] [--model M] [--out DIR]
# Prints a table: wall seconds, stream seconds heard (the last result's stream_time), VmRSS and
# VmHWM in MB. Leaves in DIR (default: a new temporary directory) results.jsonl (earshot's JSON
# Lines), layout.jsonl (where each clip was placed) and stats.json (earshot --stats).
set -euo pipefail

MANIFEST="${1:?usage: memory.sh MANIFEST [options]}"; shift
SECONDS_OF_AUDIO=7200; EVERY=10; RATE=8000; EARSHOT=.build/release/earshot; MODEL=(); OUT=""
while [ $# -gt 0 ]; do
  case "$1" in
    --seconds) SECONDS_OF_AUDIO="$2"; shift 2 ;;
    --every) EVERY="$2"; shift 2 ;;
    --rate) RATE="$2"; shift 2 ;;
    --earshot) EARSHOT="$2"; shift 2 ;;
    --model) MODEL=(--model "$2"); shift 2 ;;
    --out) OUT="$2"; shift 2 ;;
    -h|--help) sed -n '2,/^[^#]/{/^#/s/^# \?//p}' "$0"; exit 0 ;;
    *) echo "unknown option: $1" >&2; exit 2 ;;
  esac
done
OUT="${OUT:-$(mktemp -d)}"
mkdir -p "$OUT"
HERE="$(dirname "$0")"

"$HERE/stream-generator.py" "$MANIFEST" --seconds "$SECONDS_OF_AUDIO" --layout "$OUT/layout.jsonl" |
  "$EARSHOT" stream - --rate "$RATE" --json --stats "${MODEL[@]}" > "$OUT/results.jsonl" 2> "$OUT/stats.json" &
PID=$!  # a background pipeline's $! is its last command: earshot

START=$(date +%s)
printf '%8s %10s %10s %10s\n' wall_s stream_s rss_mb peak_mb
while kill -0 "$PID" 2>/dev/null; do
  RSS=$(awk '/^VmRSS/ {print $2}' "/proc/$PID/status" 2>/dev/null || echo 0)
  HWM=$(awk '/^VmHWM/ {print $2}' "/proc/$PID/status" 2>/dev/null || echo 0)
  HEARD=$(tail -n 1 "$OUT/results.jsonl" 2>/dev/null | sed -n 's/.*"stream_time":\([0-9.]*\).*/\1/p')
  [ -n "$RSS" ] && printf '%8d %10.0f %10.1f %10.1f\n' $(( $(date +%s) - START )) "${HEARD:-0}" \
    "$(echo "$RSS / 1024" | bc -l)" "$(echo "$HWM / 1024" | bc -l)"
  sleep "$EVERY"
done
wait "$PID"
echo "results in $OUT; stats: $(cat "$OUT/stats.json")"
