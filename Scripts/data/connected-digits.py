#!/usr/bin/env python3
"""Build connected word strings by concatenating clips from a manifest.

Usage (from the repository root):
    python3 Scripts/data/connected-digits.py [--manifest data-cache/manifests/fsdd-dev.jsonl]
        [--name connected-dev] [--count 100] [--min-words 3] [--max-words 7]
        [--gap-ms 100 300] [--edge-ms 50 200] [--seed 1] [--out data-cache]

Each string takes 3-7 clips of ONE speaker (speaker parsed from FSDD-style names
`{digit}_{speaker}_{take}.wav`; other names count as one speaker), puts 100-300 ms
of near-silence (white noise at -72 to -60 dBFS RMS) between words and 50-200 ms
at both ends, and writes
    <out>/connected/<name>/<name>_<nnnn>.wav          (same rate as the clips, 16-bit mono)
    <out>/manifests/<name>.jsonl
Manifest lines carry the multi-word `text` plus a `words` list of
{"word", "start", "end"} (seconds) giving where each source clip was placed.
Deterministic for a given --seed; existing WAVs are kept (not rewritten).
"""
import argparse
import os
import sys

import numpy as np

sys.dont_write_bytecode = True  # keep __pycache__ out of the source tree
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from manifestio import FSDD_NAME, manifest_entry, read_manifest, read_wav, wav_info, write_manifest, write_wav  # noqa: E402


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--manifest", default="data-cache/manifests/fsdd-dev.jsonl", help="source clips")
    ap.add_argument("--name", default="connected-dev", help="output set name (manifest and folder)")
    ap.add_argument("--out", default="data-cache", help="data cache root")
    ap.add_argument("--count", type=int, default=100, help="number of strings")
    ap.add_argument("--min-words", type=int, default=3)
    ap.add_argument("--max-words", type=int, default=7)
    ap.add_argument("--gap-ms", type=float, nargs=2, default=[100, 300], help="silence between words")
    ap.add_argument("--edge-ms", type=float, nargs=2, default=[50, 200], help="silence at start and end")
    ap.add_argument("--noise-dbfs", type=float, nargs=2, default=[-72, -60],
                    help="RMS level of the noise filling the silences")
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()

    clips = read_manifest(args.manifest)
    by_speaker = {}
    for c in clips:
        m = FSDD_NAME.match(os.path.basename(c["path"]))
        by_speaker.setdefault(m.group(2) if m else "", []).append(c)
    speakers = sorted(by_speaker)
    rates = {wav_info(c["path"])[0] for c in clips}
    if len(rates) != 1:
        sys.exit("error: clips have different sample rates %s" % sorted(rates))
    rate = rates.pop()

    rng = np.random.default_rng(args.seed)
    audio_dir = os.path.join(args.out, "connected", args.name)
    mdir = os.path.join(args.out, "manifests")
    os.makedirs(audio_dir, exist_ok=True)
    entries = []
    made = 0
    for i in range(args.count):
        # Every random draw happens here, before any file check, so the plan never
        # depends on which files already exist.
        spk = speakers[rng.integers(len(speakers))]
        pool = by_speaker[spk]
        n = int(rng.integers(args.min_words, args.max_words + 1))
        picks = [pool[j] for j in rng.choice(len(pool), size=n, replace=n > len(pool))]
        gaps = rng.uniform(*args.gap_ms, size=n - 1) / 1000.0
        edges = rng.uniform(*args.edge_ms, size=2) / 1000.0
        noise_db = rng.uniform(*args.noise_dbfs)
        noise_seed = int(rng.integers(2**31))

        path = os.path.join(audio_dir, "%s_%04d.wav" % (args.name, i))
        silences = [int(round(s * rate)) for s in [edges[0], *gaps, edges[1]]]  # lengths in samples
        pieces, words, pos = [], [], 0  # pieces: ("sil", n) or ("clip", samples); pos: samples so far
        for k, c in enumerate(picks):
            x, r = read_wav(c["path"])
            if r != rate:
                sys.exit("error: %s is %d Hz, expected %d" % (c["path"], r, rate))
            pieces += [("sil", silences[k]), ("clip", x)]
            pos += silences[k]
            words.append({"word": c["text"], "start": round(pos / rate, 4), "end": round((pos + len(x)) / rate, 4)})
            pos += len(x)
        pieces.append(("sil", silences[-1]))
        if not os.path.exists(path):
            noise_rng = np.random.default_rng(noise_seed)
            sigma = 10 ** (noise_db / 20.0)
            y = np.concatenate([noise_rng.normal(0.0, sigma, p[1]).astype(np.float32) if p[0] == "sil" else p[1]
                                for p in pieces])
            write_wav(path, y, rate)
            made += 1
        e = manifest_entry(mdir, path, " ".join(w["word"] for w in words))
        e["words"] = words
        entries.append(e)
    write_manifest(os.path.join(mdir, args.name + ".jsonl"), entries)
    nw = sum(len(e["words"]) for e in entries)
    print("%s.jsonl: %d strings (%d new), %d words, %.1f s" % (
        args.name, len(entries), made, nw, sum(e["duration"] for e in entries)))


if __name__ == "__main__":
    main()
