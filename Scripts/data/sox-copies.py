#!/usr/bin/env python3
"""Write copies of a manifest's clips passed through a sox effect chain, 16-bit mono WAV: a dev
set of the same voices in another channel, room or level. The recipe makes three kinds:

    rate 8000               telephone band: sox's anti-aliasing filter removes everything above
                            4 kHz; Speech Commands' dev speakers at 8 kHz are many new voices in
                            FSDD's band, the band the issue's "one new speaker" test is recorded in
    reverb 50 50 100        a reverberant room (sox's reverb: reverberance 50 %, high-frequency
                            damping 50 %, room scale 100 %), a different model of a room from the
                            simulated impulse responses `earshot train --reverb` trains with
    vol 0.1, vol 0.0316     20 and 30 dB quieter: a quiet or distant microphone

Usage (from the repository root):
    python3 Scripts/data/sox-copies.py MANIFEST --name NAME [--out data-cache] EFFECT...

Writes <out>/sox/<name>/<n>_<file>.wav and <out>/manifests/<name>.jsonl (same texts).
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
    ap.add_argument("--out", default="data-cache")
    ap.add_argument("effect", nargs="+", help="the sox effect chain, e.g. rate 8000")
    args = ap.parse_args()
    if shutil.which("sox") is None:
        sys.exit("error: sox not found (Scripts/install-deps.sh --data-tools installs it)")
    folder = os.path.join(args.out, "sox", args.name)
    manifests = os.path.join(args.out, "manifests")
    os.makedirs(folder, exist_ok=True)
    entries = []
    for n, e in enumerate(read_manifest(args.manifest)):
        stem = os.path.splitext(os.path.basename(e["path"]))[0]
        path = os.path.join(folder, "%04d_%s.wav" % (n, stem))
        if not os.path.exists(path):
            subprocess.run(["sox", "-V1", e["path"], "-b", "16", "-D", path + ".part.wav", "channels", "1"]
                           + args.effect, check=True)
            os.replace(path + ".part.wav", path)
        entries.append(manifest_entry(manifests, path, e["text"], e.get("duration")))
    write_manifest(os.path.join(manifests, args.name + ".jsonl"), entries)
    print("%s.jsonl: %d clips through sox %s" % (args.name, len(entries), " ".join(args.effect)))


if __name__ == "__main__":
    main()
