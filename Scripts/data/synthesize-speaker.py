#!/usr/bin/env python3
"""One synthetic "person" saying every vocabulary word many times: a held-out voice (never used for
training) with its rate, pitch and level drawn anew for each take, for measuring how fine-tuning
on a few clips adapts a model to one voice (Scripts/evaluation/fine-tune.py).

Usage (from the repository root):
  python3 Scripts/data/synthesize-speaker.py [--voice en-us-nyc+travis] [--takes 10] [--seed 1]
      [--out data-cache]

Writes <out>/synth/speaker-<voice>/<word>_<take>.wav (16 kHz) and
<out>/manifests/synth-speaker-<voice>.jsonl. The voice must be one of tts.py's dev voices.
"""
import argparse
import os
import random
import sys

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import tts  # noqa: E402
from manifestio import manifest_entry, write_manifest  # noqa: E402
from vocabulary import WORDS  # noqa: E402



def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--voice", default="en-us-nyc+travis")
    ap.add_argument("--takes", type=int, default=10)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--out", default="data-cache")
    args = ap.parse_args()
    engine = dict((v, e) for e, v in tts.voices("dev")).get(args.voice)
    if engine is None:
        sys.exit("error: %s is not a held-out voice (see tts.py)" % args.voice)
    rnd = random.Random(args.seed)
    tag = args.voice.replace("+", "-")
    folder = os.path.join(args.out, "synth", "speaker-" + tag)
    manifests = os.path.join(args.out, "manifests")
    entries = []
    for word in WORDS:
        for take in range(args.takes):
            path = os.path.join(folder, "%s_%d.wav" % (word, take))
            rate, pitch, gain = tts.random_params(rnd, engine, args.voice)
            tts.render(path, engine, args.voice, rate, pitch, gain, word, sample_rate=16000)
            entries.append(manifest_entry(manifests, path, word))
    write_manifest(os.path.join(manifests, "synth-speaker-%s.jsonl" % tag), entries)
    print("synth-speaker-%s.jsonl: %d clips" % (tag, len(entries)))


if __name__ == "__main__":
    main()
