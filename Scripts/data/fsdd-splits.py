#!/usr/bin/env python3
"""Write FSDD train/dev and leave-one-speaker-out manifests.

Usage (from the repository root):
    python3 Scripts/data/fsdd-splits.py [--shared ../shared] [--out data-cache/manifests]

Reads <shared>/data/fsdd/recordings/{digit}_{speaker}_{take}.wav (takes 5-49 of
five speakers; takes 0-4 and a sixth speaker are withheld for judging) and writes:
    fsdd-train.jsonl                     takes 10-49, all speakers
    fsdd-dev.jsonl                       takes 5-9, all speakers
    fsdd-loso-<spk>-train.jsonl          takes 10-49 of the other four speakers
    fsdd-loso-<spk>-test.jsonl           takes 5-49 of <spk>
Lines: {"audio_filepath": <relative to the manifest folder>, "text": "seven", "duration": 0.43}.
Deterministic (sorted by speaker, digit, take); safe to re-run (files are rewritten identically).
"""
import argparse
import os
import sys

sys.dont_write_bytecode = True  # keep __pycache__ out of the source tree
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from manifestio import FSDD_NAME, manifest_entry, write_manifest  # noqa: E402
from vocabulary import DIGITS  # noqa: E402



def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--shared", default="../shared", help="shared folder holding data/fsdd (default ../shared)")
    ap.add_argument("--out", default="data-cache/manifests", help="output folder for manifests")
    ap.add_argument("--dev-takes", default="5-9", help="take range for dev (default 5-9)")
    ap.add_argument("--train-takes", default="10-49", help="take range for training (default 10-49)")
    args = ap.parse_args()

    rec = os.path.join(args.shared, "data", "fsdd", "recordings")
    if not os.path.isdir(rec):
        sys.exit("error: no FSDD recordings folder at %s (use --shared)" % rec)

    def rng(s):
        a, b = s.split("-")
        return range(int(a), int(b) + 1)

    dev_takes, train_takes = set(rng(args.dev_takes)), set(rng(args.train_takes))
    clips = []  # (speaker, digit, take, path)
    for name in os.listdir(rec):
        m = FSDD_NAME.match(name)
        if m:
            clips.append((m.group(2), int(m.group(1)), int(m.group(3)), os.path.join(rec, name)))
    clips.sort()
    speakers = sorted({c[0] for c in clips})
    out = args.out
    os.makedirs(out, exist_ok=True)

    def entries(sel):
        return [manifest_entry(out, p, DIGITS[d]) for (s, d, t, p) in clips if sel(s, d, t)]

    sets = {
        "fsdd-train": entries(lambda s, d, t: t in train_takes),
        "fsdd-dev": entries(lambda s, d, t: t in dev_takes),
    }
    for spk in speakers:
        sets["fsdd-loso-%s-train" % spk] = entries(lambda s, d, t, spk=spk: s != spk and t in train_takes)
        sets["fsdd-loso-%s-test" % spk] = entries(
            lambda s, d, t, spk=spk: s == spk and (t in train_takes or t in dev_takes))
    for name, es in sets.items():
        write_manifest(os.path.join(out, name + ".jsonl"), es)
        print("%-32s %5d clips %8.1f s" % (name + ".jsonl", len(es), sum(e["duration"] for e in es)))


if __name__ == "__main__":
    main()
