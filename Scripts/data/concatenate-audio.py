#!/usr/bin/env python3
"""Join every clip of a manifest into one recording (with sox), e.g. background-noise clips into
one file for `earshot train --noise-file`.

Usage (from the repository root):
  python3 Scripts/data/concatenate-audio.py MANIFEST.jsonl --out OUT.wav

The clips must share one sample rate and channel count (sox refuses otherwise). An existing OUT
is kept.
"""
import argparse
import os
import subprocess
import sys

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from manifestio import read_manifest  # noqa: E402


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("manifest")
    ap.add_argument("--out", required=True)
    args = ap.parse_args()
    if os.path.exists(args.out):
        return
    paths = [e["path"] for e in read_manifest(args.manifest)]
    if not paths:
        sys.exit("error: %s: no clips" % args.manifest)
    os.makedirs(os.path.dirname(os.path.abspath(args.out)), exist_ok=True)
    part = args.out + ".part.wav"
    subprocess.run(["sox", "-V1"] + paths + ["-b", "16", part], check=True)
    os.replace(part, args.out)
    print("%s: %d clips joined" % (args.out, len(paths)))


if __name__ == "__main__":
    main()
