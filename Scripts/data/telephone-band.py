#!/usr/bin/env python3
"""Write telephone-band copies of a manifest's clips: each resampled to 8 kHz with sox (its
anti-aliasing filter removes everything above 4 kHz), 16-bit mono WAV. Speech Commands' dev
speakers at 8 kHz are then a dev set of many new voices in FSDD's band, the band the issue's
"one new speaker, 500 digits" test is recorded in.

Usage (from the repository root):
    python3 Scripts/data/telephone-band.py MANIFEST --name NAME [--rate 8000] [--out data-cache]

Writes <out>/telephone/<name>/<n>_<file>.wav and <out>/manifests/<name>.jsonl (same texts).
Existing WAVs are kept. Needs sox.
"""
import argparse
import os
import shutil
import subprocess
import sys

sys.dont_write_bytecode = True  # keep __pycache__ out of the source tree
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from manifestio import manifest_entry, read_manifest, write_manifest  # noqa: E402


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("manifest")
    ap.add_argument("--name", required=True)
    ap.add_argument("--rate", type=int, default=8000)
    ap.add_argument("--out", default="data-cache")
    args = ap.parse_args()
    if shutil.which("sox") is None:
        sys.exit("error: sox not found (Scripts/install-deps.sh --data-tools installs it)")
    folder = os.path.join(args.out, "telephone", args.name)
    manifests = os.path.join(args.out, "manifests")
    os.makedirs(folder, exist_ok=True)
    entries = []
    for n, e in enumerate(read_manifest(args.manifest)):
        stem = os.path.splitext(os.path.basename(e["path"]))[0]
        path = os.path.join(folder, "%04d_%s.wav" % (n, stem))
        if not os.path.exists(path):
            subprocess.run(["sox", "-V1", e["path"], "-b", "16", "-D", path + ".part.wav", "channels", "1",
                            "rate", str(args.rate)], check=True)
            os.replace(path + ".part.wav", path)
        entries.append(manifest_entry(manifests, path, e["text"], e.get("duration")))
    write_manifest(os.path.join(manifests, args.name + ".jsonl"), entries)
    print("%s.jsonl: %d clips at %d Hz" % (args.name, len(entries), args.rate))


if __name__ == "__main__":
    main()
