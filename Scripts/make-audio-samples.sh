#!/usr/bin/env bash
# Regenerate the small audio fixtures in audio-samples/ (README examples and tests).
#
# Usage (from the repository root):
#   Scripts/make-audio-samples.sh [--shared ../shared] [--out audio-samples]
#
# Makes 7 clips (about 170 KB in all) and audio-samples/manifest.jsonl (NeMo
# convention: audio_filepath relative to the manifest, text, duration):
#   three FSDD recordings copied as-is (8 kHz mono 16-bit WAV, dev takes 5-9),
#   two espeak-ng phrases at 16 kHz mono ("three one four", "yes stop go"),
#   one FSDD recording converted to 44.1 kHz stereo FLAC (both channels equal),
#   one second of very quiet noise with an empty transcript.
# Deterministic: re-running rewrites identical files. Needs espeak-ng, sox, python3 + numpy.
set -euo pipefail

SHARED=../shared
OUT=audio-samples
while [ $# -gt 0 ]; do
  case "$1" in
    --shared) SHARED="$2"; shift 2 ;;
    --out) OUT="$2"; shift 2 ;;
    -h|--help) sed -n '2,/^[^#]/{/^#/s/^# \?//p}' "$0"; exit 0 ;;
    *) echo "unknown option: $1" >&2; exit 2 ;;
  esac
done
HERE="$(cd "$(dirname "$0")" && pwd)"
REC="$SHARED/data/fsdd/recordings"
[ -d "$REC" ] || { echo "error: no FSDD recordings at $REC (use --shared)" >&2; exit 1; }
mkdir -p "$OUT"
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT

# FSDD clips, unchanged.
for f in 7_jackson_5.wav 3_lucas_5.wav 9_yweweler_8.wav; do
  rm -f "$OUT/$f"; cp "$REC/$f" "$OUT/$f"; chmod 644 "$OUT/$f"
done

# Synthetic phrases: a clear US voice at a moderate rate, 16 kHz mono, 100 ms of
# digital silence kept at each end.
speak() {  # text output
  espeak-ng -v en-us -s 140 -p 50 -w "$tmp/s.wav" "$1"
  sox -V1 "$tmp/s.wav" -b 16 -D "$2" gain -3 rate 16000 channels 1 \
      silence 1 0.01 0.1% reverse silence 1 0.01 0.1% reverse pad 0.1 0.1 gain -n -3
}
speak "three one four" "$OUT/three-one-four_16k.wav"
speak "yes stop go" "$OUT/yes-stop-go_16k.wav"

# Format handling: an FSDD recording as 44.1 kHz stereo 16-bit FLAC.
sox -V1 "$REC/4_george_7.wav" -b 16 -D "$OUT/4_george_7_44k_stereo.flac" rate 44100 channels 2

# One second of near-silence (seeded white noise at about -66 dBFS RMS), empty transcript.
python3 "$HERE/audio-samples.py" noise "$OUT/quiet-noise_8k.wav"

# Manifest with the expected transcripts.
python3 "$HERE/audio-samples.py" manifest "$OUT"
du -ch "$OUT"/* | tail -1
