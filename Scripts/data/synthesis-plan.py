#!/usr/bin/env python3
"""The plan of synthesize-words.sh: one tab-separated line per clip, on stdout.

Usage: python3 Scripts/data/synthesis-plan.py SYNTH_DIR SEED > plan.tsv   (synthesize-words.sh runs it)

Fields: kind split path engine voice rate pitch gain text. Every vocabulary word once in every
espeak-ng voice of the split and 2 (train) or 3 (dev) times in every flite voice, then 400 train
and 80 dev phrases of 2-4 words. Voices and the random rate, pitch and gain come from tts.py.
Deterministic for a seed.
"""
import argparse
import os
import random
import sys

sys.dont_write_bytecode = True  # keep __pycache__ out of the source tree
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import tts  # noqa: E402
from vocabulary import COMMANDS, DIGITS, WORDS  # noqa: E402



def tag(voice):
    return voice.replace("+", "-")


def plan(syn, seed):
    rnd = random.Random(seed)
    rows = []
    for split in ("train", "dev"):
        voices = tts.voices(split)
        espeak = [(e, v) for e, v in voices if e == "espeak"]
        flite = [(e, v) for e, v in voices if e == "flite"]
        flite_reps = 2 if split == "train" else 3
        for w in WORDS:
            jobs = [(e, v, 0) for e, v in espeak] + [(e, v, k) for e, v in flite for k in range(flite_reps)]
            for e, v, k in jobs:
                rate, pitch, gain = tts.random_params(rnd, e, v)
                path = "%s/words/%s/%s_%s_%s_%d.wav" % (syn, w, w, e, tag(v), k)
                rows.append(("word", split, path, e, v, rate, pitch, "%.2f" % gain, w))
    # phrases: 2-4 words; 40 % digit strings, 30 % command words, 30 % mixed
    for split, n in (("train", 400), ("dev", 80)):
        voices = tts.voices(split)
        flite = [(e, v) for e, v in voices if e == "flite"]
        for i in range(n):
            r = rnd.random()
            pool = DIGITS if r < 0.4 else COMMANDS if r < 0.7 else WORDS
            text = " ".join(rnd.choice(pool) for _ in range(rnd.randint(2, 4)))
            e, v = voices[i % len(voices)] if rnd.random() < 0.85 else rnd.choice(flite)
            rate, pitch, gain = tts.random_params(rnd, e, v)
            path = "%s/phrases/%s/phrase_%s_%04d_%s_%s.wav" % (syn, split, split, i, e, tag(v))
            rows.append(("phrase", split, path, e, v, rate, pitch, "%.2f" % gain, text))
    return rows


if __name__ == "__main__":
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("synth_dir", help="folder the clip paths start with")
    ap.add_argument("seed", type=int)
    args = ap.parse_args()
    for row in plan(args.synth_dir, args.seed):
        print("\t".join(str(x) for x in row))
