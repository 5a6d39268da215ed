#!/usr/bin/env python3
"""Real voices saying words that are not words: the first half of one vocabulary word joined to
the second half of another, said by the same speaker, labelled as the filler `<other>`.

Usage (from the repository root):
  python3 Scripts/data/spliced-words.py MANIFEST --name NAME [--out data-cache] [--fraction 1.0]
      [--seed 1]

A spliced clip ("sev" + "own" from "seven" and "down") is a real voice, microphone and room, runs
forwards as speech does (unlike reversed speech, Scripts/data/reversed-speech.py), and starts like
one vocabulary word and ends like another: the case where a model that has only learnt "some
speech, therefore the nearest word" reports a confident wrong word. Pairs whose words share their
vowel are left out (no + go would splice back into "no").

Each clip's speech is found from its 10 ms frame energies (frames within 25 dB of the loudest);
the cut is at the middle of each word's speech, with a 10 ms cross-fade, and the second part is
scaled to the first's speech level. The clip keeps the first recording's lead-in and the second's
tail, real background at both ends. Each eligible clip is the first half of one splice, its
partner drawn at random among the same speaker's other words; --fraction keeps a seeded share.
Pass training manifests only, so no dev speaker's voice is used. The speaker is the file name
before the first "_" (Speech Commands). Writes <out>/spliced/<NAME>/*.wav (16-bit, the clips'
rate) and <out>/manifests/<NAME>.jsonl. Needs sox and numpy.
"""
import argparse
import os
import random
import subprocess
import sys
from collections import defaultdict

import numpy as np

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from manifestio import manifest_entry, read_manifest, write_manifest, write_wav  # noqa: E402
from vocabulary import FILLER  # noqa: E402

RATE = 16000
# The stressed vowel of each vocabulary word: splicing two words with the same vowel can make one
# of them again (n-o + g-o -> "no").
VOWEL = {"zero": "ow", "no": "ow", "go": "ow", "five": "ay", "nine": "ay", "right": "ay",
         "seven": "eh", "yes": "eh", "left": "eh", "one": "ah", "up": "ah", "on": "aa", "stop": "aa",
         "four": "ao", "off": "ao", "two": "uw", "three": "iy", "six": "ih", "eight": "ey", "down": "aw"}


def read(path):
    """Mono float samples at RATE, through sox (any format it reads)."""
    raw = subprocess.run(["sox", "-V1", path, "-t", "raw", "-e", "signed", "-b", "16", "-c", "1", "-r", str(RATE), "-"],
                         check=True, capture_output=True).stdout
    return np.frombuffer(raw, dtype="<i2").astype(np.float32) / 32768.0


def speech_extent(x):
    """(first, end) sample of the frames within 25 dB of the loudest 10 ms frame."""
    frame = RATE // 100
    energy = np.array([np.mean(x[i:i + frame] ** 2) + 1e-10 for i in range(0, len(x) - frame + 1, frame)])
    loud = np.nonzero(10 * np.log10(energy / energy.max()) > -25)[0]
    return loud[0] * frame, (loud[-1] + 1) * frame


def splice(a, b):
    (a0, a1), (b0, b1) = speech_extent(a), speech_extent(b)
    cut_a, cut_b = (a0 + a1) // 2, (b0 + b1) // 2
    level = lambda x: np.sqrt(np.mean(x ** 2) + 1e-12)
    b = b * (level(a[a0:a1]) / level(b[b0:b1]))
    fade = min(RATE // 100, cut_a, len(b) - cut_b)
    ramp = np.linspace(0, 1, fade, dtype=np.float32)
    joint = a[cut_a - fade:cut_a] * (1 - ramp) + b[cut_b:cut_b + fade] * ramp
    return np.concatenate([a[:cut_a - fade], joint, b[cut_b + fade:]])


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("manifest")
    ap.add_argument("--name", required=True)
    ap.add_argument("--out", default="data-cache")
    ap.add_argument("--fraction", type=float, default=1.0)
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()
    by_speaker = defaultdict(list)
    for e in read_manifest(args.manifest):
        if e["text"] in VOWEL:
            by_speaker[os.path.basename(e["path"]).split("_")[0]].append(e)
    rnd = random.Random(args.seed)
    pairs = []
    for speaker in sorted(by_speaker):
        clips = by_speaker[speaker]
        for a in clips:
            partners = [b for b in clips if VOWEL[b["text"]] != VOWEL[a["text"]]]
            if partners:
                pairs.append((a, rnd.choice(partners)))
    pairs = rnd.sample(pairs, int(round(args.fraction * len(pairs))))
    folder = os.path.join(args.out, "spliced", args.name)
    manifests = os.path.join(args.out, "manifests")
    os.makedirs(folder, exist_ok=True)
    entries = []
    for a, b in sorted(pairs, key=lambda p: p[0]["path"]):
        stem = lambda e: os.path.splitext(os.path.basename(e["path"]))[0]
        name = "%s+%s_%s+%s.wav" % (a["text"], b["text"], stem(a), stem(b).rsplit("_", 1)[-1])
        path = os.path.join(folder, name)
        if not os.path.exists(path):
            write_wav(path, splice(read(a["path"]), read(b["path"])), RATE)
        entries.append(manifest_entry(manifests, path, FILLER))
    write_manifest(os.path.join(manifests, args.name + ".jsonl"), entries)
    print("%s.jsonl: %d spliced clips" % (args.name, len(entries)))


if __name__ == "__main__":
    main()
