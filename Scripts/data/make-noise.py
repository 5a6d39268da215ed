#!/usr/bin/env python3
"""Write noise recordings for training-time noise augmentation (`earshot train --noise-file`).

Usage (from the repository root):
    python3 Scripts/data/make-noise.py --manifest data-cache/manifests/fsdd-train.jsonl
        [--name fsdd-train] [--seconds 60] [--rate 8000] [--seed 1] [--out data-cache]

Writes <out>/noise/<name>/white.wav, pink.wav and babble.wav (16-bit mono, --rate Hz,
--seconds long, peak -6 dBFS). White and pink noise are the same kinds `add-noise.py` makes
for the noisy dev sets; babble is the sum of 5 talkers, each a random run of clips of
--manifest (pass a *training* manifest, so no dev or held-out speaker's voice leaks into
training). The trainer picks one file per noisy clip and a random stretch of it, and scales
it to a random SNR. Deterministic for a given --seed; existing files are kept.
"""
import argparse
import os
import sys

import numpy as np

sys.dont_write_bytecode = True  # keep __pycache__ out of the source tree
HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from manifestio import read_manifest, write_wav  # noqa: E402

import importlib.util  # noqa: E402

_spec = importlib.util.spec_from_file_location("add_noise", os.path.join(HERE, "add-noise.py"))
add_noise = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(add_noise)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--manifest", required=True, help="training manifest whose clips make the babble")
    ap.add_argument("--name", help="output folder name (default: the manifest's name)")
    ap.add_argument("--seconds", type=float, default=60.0)
    ap.add_argument("--rate", type=int, default=8000)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--out", default="data-cache", help="data cache root")
    args = ap.parse_args()

    stem = os.path.basename(args.manifest)
    stem = stem[:-len(".jsonl")] if stem.endswith(".jsonl") else stem
    folder = os.path.join(args.out, "noise", args.name or stem)
    os.makedirs(folder, exist_ok=True)
    n = int(args.seconds * args.rate)
    paths = [c["path"] for c in read_manifest(args.manifest)]
    rng = np.random.default_rng(args.seed)
    makers = {
        "white": lambda r: r.normal(size=n),
        "pink": lambda r: add_noise.pink(r, n),
        "babble": lambda r: add_noise.babble(r, n, paths, {}),
    }
    for kind, make in makers.items():
        seed = int(rng.integers(2**31))
        path = os.path.join(folder, kind + ".wav")
        if os.path.exists(path):
            continue
        y = make(np.random.default_rng(seed)).astype(np.float64)
        y *= 0.5 / (float(np.max(np.abs(y))) or 1.0)
        write_wav(path, y, args.rate)
    print("noise recordings in %s: white, pink, babble (%g s each)" % (folder, args.seconds))


if __name__ == "__main__":
    main()
