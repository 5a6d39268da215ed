#!/usr/bin/env python3
"""A table of every manifest in a folder: clip count and total duration in seconds.

Usage: python3 Scripts/data/manifest-table.py data-cache/manifests   (prepare-all.sh ends with it)
"""
import argparse
import glob
import os
import sys

sys.dont_write_bytecode = True  # keep __pycache__ out of the source tree
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from manifestio import read_manifest  # noqa: E402


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("manifest_dir")
    args = ap.parse_args()
    print("%-34s %6s %9s" % ("manifest", "clips", "seconds"))
    for path in sorted(glob.glob(os.path.join(args.manifest_dir, "*.jsonl"))):
        entries = read_manifest(path)
        print("%-34s %6d %9.1f" % (os.path.basename(path), len(entries), sum(e["duration"] for e in entries)))


if __name__ == "__main__":
    main()
