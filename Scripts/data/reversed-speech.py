#!/usr/bin/env python3
"""Real voices saying no word: training clips played backwards, labelled as the filler `<other>`.

Usage (from the repository root):
  python3 Scripts/data/reversed-speech.py MANIFEST [MANIFEST ...] --name NAME [--out data-cache]
      [--fraction 1.0] [--seed 1]

Reversed speech keeps what makes a voice, a microphone and a room real, its spectra and
loudness, and says no word of the vocabulary, so it teaches the filler what real speech outside
the vocabulary sounds like (the real other-word clips are few, and synthetic voices alone teach a
model that "synthetic" means "other"). Words whose reversal sounds like a vocabulary word are left
out: "no" and "on" (each other backwards) and "nine" (nearly a palindrome).

Writes <out>/reversed/<NAME>/*.wav (16-bit WAV at the clip's own rate) and
<out>/manifests/<NAME>.jsonl; --fraction keeps a seeded random share of the eligible clips.
Pass training manifests only, so no dev speaker's voice is used. Existing clips are kept.
Needs sox.
"""
import argparse
import os
import random
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from manifestio import manifest_entry, read_manifest, write_manifest  # noqa: E402
from vocabulary import FILLER  # noqa: E402

SOUND_LIKE_A_WORD_BACKWARDS = {"no", "on", "nine"}


def reverse(source, target):
    if not os.path.exists(target):
        part = target[:-4] + ".part.wav"
        subprocess.run(["sox", "-V1", source, "-b", "16", part, "reverse"], check=True)
        os.replace(part, target)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("manifests", nargs="+")
    ap.add_argument("--name", required=True)
    ap.add_argument("--out", default="data-cache")
    ap.add_argument("--fraction", type=float, default=1.0)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--jobs", type=int, default=2)
    args = ap.parse_args()
    clips = [e for m in args.manifests for e in read_manifest(m)
             if e["text"] and not set(e["text"].split()) & SOUND_LIKE_A_WORD_BACKWARDS]
    rnd = random.Random(args.seed)
    clips = sorted(rnd.sample(clips, int(round(args.fraction * len(clips)))), key=lambda e: e["path"])
    folder = os.path.join(args.out, "reversed", args.name)
    os.makedirs(folder, exist_ok=True)
    # Speech Commands names repeat across word folders: keep the word in the name.
    target = lambda e: os.path.join(folder, "%s_%s.wav" % (
        os.path.basename(os.path.dirname(e["path"])), os.path.splitext(os.path.basename(e["path"]))[0]))
    with ThreadPoolExecutor(args.jobs) as pool:
        list(pool.map(lambda e: reverse(e["path"], target(e)), clips))
    manifests = os.path.join(args.out, "manifests")
    write_manifest(os.path.join(manifests, args.name + ".jsonl"),
                   [manifest_entry(manifests, target(e), FILLER, e["duration"]) for e in clips])
    print("%s.jsonl: %d reversed clips" % (args.name, len(clips)))


if __name__ == "__main__":
    main()
