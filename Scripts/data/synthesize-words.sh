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
python3 - "$SYN" "$SEED" > "$SYN/plan.tsv.tmp" <<'PY'
import random, sys
syn, seed = sys.argv[1], int(sys.argv[2])
rnd = random.Random(seed)
WORDS = "zero one two three four five six seven eight nine yes no up down left right on off stop go".split()
DIGITS, COMMANDS = WORDS[:10], WORDS[10:]
# espeak-ng English accents and voice variants; train and dev are disjoint in both.
TRAIN_BASES = ["en-us", "en-gb", "en-gb-x-rp", "en-gb-x-gbclan", "en-gb-x-gbcwmd", "en-029"]
DEV_BASES = ["en-gb-scotland", "en-us-nyc"]
TRAIN_VARIANTS = ["", "m1", "m2", "m3", "m4", "m5", "m6", "m8", "f1", "f2", "f3", "klatt", "klatt2",
                  "klatt3", "Andy", "Annie", "Alicia", "adam", "david", "ed", "edward", "john", "linda",
                  "max", "Michael", "paul", "robert", "steph"]
DEV_VARIANTS = ["m7", "f4", "f5", "klatt4", "klatt5", "Gene", "Lee", "Mike", "norbert", "quincy",
                "travis", "aunty"]
# flite voices (awb_time is a limited-domain voice and is not used); slt is held out.
TRAIN_FLITE = ["kal", "kal16", "awb", "rms"]
DEV_FLITE = ["slt"]
FLITE_F0 = {"kal": (85, 130), "kal16": (85, 130), "awb": (90, 140), "rms": (80, 125), "slt": (150, 230)}

def voices(split):
    bases, variants, fl = (TRAIN_BASES, TRAIN_VARIANTS, TRAIN_FLITE) if split == "train" else \
                          (DEV_BASES, DEV_VARIANTS, DEV_FLITE)
    es = [("espeak", b + ("+" + v if v else "")) for b in bases for v in variants]
    return es, [("flite", f) for f in fl]

def params(engine, voice):
    gain = -rnd.uniform(1.0, 10.0)            # peak level in dBFS after normalisation
    if engine == "espeak":
        return rnd.randint(120, 210), rnd.randint(20, 80), gain    # words/min, pitch 0-99
    lo, hi = FLITE_F0[voice]
    return round(rnd.uniform(0.8, 1.35), 3), rnd.randint(lo, hi), gain  # duration_stretch, f0 mean Hz

def tag(voice):
    return voice.replace("+", "-")

rows = []
for split in ("train", "dev"):
    es, fl = voices(split)
    flite_reps = 2 if split == "train" else 3
    for w in WORDS:
        jobs = [(e, v, 0) for e, v in es] + [(e, v, k) for e, v in fl for k in range(flite_reps)]
        for e, v, k in jobs:
            rate, pitch, gain = params(e, v)
            path = "%s/words/%s/%s_%s_%s_%d.wav" % (syn, w, w, e, tag(v), k)
            rows.append(("word", split, path, e, v, rate, pitch, "%.2f" % gain, w))
# phrases: 2-4 words; 40 % digit strings, 30 % command words, 30 % mixed
for split, n in (("train", 400), ("dev", 80)):
    es, fl = voices(split)
    allv = es + fl
    for i in range(n):
        r = rnd.random()
        pool = DIGITS if r < 0.4 else COMMANDS if r < 0.7 else WORDS
        text = " ".join(rnd.choice(pool) for _ in range(rnd.randint(2, 4)))
        e, v = allv[i % len(allv)] if rnd.random() < 0.85 else rnd.choice(fl)
        rate, pitch, gain = params(e, v)
        path = "%s/phrases/%s/phrase_%s_%04d_%s_%s.wav" % (syn, split, split, i, e, tag(v))
        rows.append(("phrase", split, path, e, v, rate, pitch, "%.2f" % gain, text))
for r in rows:
    print("\t".join(str(x) for x in r))
PY
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
python3 - "$SYN/plan.tsv" "$OUT/manifests" "$HERE" <<'PY'
import os, sys
plan, mdir, here = sys.argv[1:4]
sys.dont_write_bytecode = True
sys.path.insert(0, here)
from manifestio import manifest_entry, write_manifest, wav_duration
sets = {}
short = 0
for line in open(plan, encoding="utf-8"):
    kind, split, path, engine, voice, rate, pitch, gain, text = line.rstrip("\n").split("\t")
    d = wav_duration(path)
    if d < 0.08:          # trimming removed (nearly) everything: leave it out
        short += 1
        continue
    name = ("synth-%s" if kind == "word" else "synth-phrases-%s") % split
    sets.setdefault(name, []).append(manifest_entry(mdir, path, text, d))
for name, es in sorted(sets.items()):
    write_manifest(os.path.join(mdir, name + ".jsonl"), es)
    print("%-28s %5d clips %8.1f s" % (name + ".jsonl", len(es), sum(e["duration"] for e in es)))
if short:
    print("left out %d clips shorter than 80 ms" % short)
PY
