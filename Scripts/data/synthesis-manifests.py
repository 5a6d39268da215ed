#!/usr/bin/env python3
"""The manifests of synthesize-words.sh, from its plan and the rendered clips.

Usage: python3 Scripts/data/synthesis-manifests.py PLAN MANIFEST_DIR   (synthesize-words.sh runs it)

Writes synth-{train,dev}.jsonl (words) and synth-phrases-{train,dev}.jsonl (phrases) with paths
relative to MANIFEST_DIR, leaves out clips that trimming left shorter than 80 ms, and prints
each manifest's clip count and seconds.
"""
import argparse
import os
import sys

sys.dont_write_bytecode = True  # keep __pycache__ out of the source tree
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from manifestio import manifest_entry, wav_duration, write_manifest  # noqa: E402


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("plan", help="plan.tsv of synthesis-plan.py")
    ap.add_argument("manifest_dir")
    args = ap.parse_args()
    sets = {}
    short = 0
    for line in open(args.plan, encoding="utf-8"):
        kind, split, path, engine, voice, rate, pitch, gain, text = line.rstrip("\n").split("\t")
        d = wav_duration(path)
        if d < 0.08:          # trimming removed (nearly) everything: leave it out
            short += 1
            continue
        name = ("synth-%s" if kind == "word" else "synth-phrases-%s") % split
        sets.setdefault(name, []).append(manifest_entry(args.manifest_dir, path, text, d))
    for name, entries in sorted(sets.items()):
        write_manifest(os.path.join(args.manifest_dir, name + ".jsonl"), entries)
        print("%-28s %5d clips %8.1f s" % (name + ".jsonl", len(entries), sum(e["duration"] for e in entries)))
    if short:
        print("left out %d clips shorter than 80 ms" % short)


if __name__ == "__main__":
    main()
