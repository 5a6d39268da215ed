#!/usr/bin/env python3
"""Write noisy copies of a manifest's clips at a fixed signal-to-noise ratio.

Usage (from the repository root):
    python3 Scripts/data/add-noise.py [--manifest data-cache/manifests/fsdd-dev.jsonl]
        [--snr 10] [--name fsdd-dev-snr10] [--types white,pink,babble] [--seed 1] [--out data-cache]

For every clip one noise type is drawn (seeded) from --types:
    white   Gaussian white noise
    pink    Gaussian noise shaped to 1/f power (-3 dB per octave) in the frequency domain
    babble  the sum of 5 other clips of the same manifest (other speakers where the
            names say so), each at equal RMS, at random offsets, repeated to cover the clip
The noise is scaled so that 20*log10(rms(clip) / rms(noise)) = --snr, with the RMS taken
over the whole clip as stored (FSDD clips are trimmed, so this is close to speech RMS;
for connected strings the pauses lower it, which makes the task a little harder). If the
mix would clip, clip and noise are scaled down together (the SNR is kept).
Writes <out>/noisy/<name>/<file>.wav (same rate, 16-bit mono) and <out>/manifests/<name>.jsonl
with the source's fields plus "noise" and "snr_db". Deterministic for a given --seed;
existing WAVs are kept.
"""
import argparse
import os
import re
import sys

import numpy as np

sys.dont_write_bytecode = True  # keep __pycache__ out of the source tree
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from manifestio import manifest_entry, read_manifest, read_wav, write_manifest, write_wav  # noqa: E402

FSDD_NAME = re.compile(r"^\d_([A-Za-z]+)_\d+\.wav$")
BABBLE_TALKERS = 5


def rms(x):
    return float(np.sqrt(np.mean(np.square(x, dtype=np.float64)))) if len(x) else 0.0


def pink(rng, n):
    """Gaussian noise with power falling as 1/f (DC removed), unit RMS."""
    spec = rng.normal(size=n // 2 + 1) + 1j * rng.normal(size=n // 2 + 1)
    f = np.arange(n // 2 + 1, dtype=np.float64)
    f[0] = 1.0
    spec /= np.sqrt(f)
    spec[0] = 0.0
    y = np.fft.irfft(spec, n)
    return y / (rms(y) or 1.0)


def babble(rng, n, others, cache):
    """Sum of BABBLE_TALKERS talkers, each a random run of clips from `others`, unit RMS."""
    total = np.zeros(n)
    for _ in range(BABBLE_TALKERS):
        run, length = [], 0
        while length < n + 1:
            p = others[rng.integers(len(others))]
            if p not in cache:
                cache[p] = read_wav(p)[0].astype(np.float64)
            x = cache[p]
            x = x / (rms(x) or 1.0)
            run.append(x)
            length += len(x)
        talker = np.concatenate(run)
        off = int(rng.integers(0, len(talker) - n + 1))
        total += talker[off:off + n]
    return total / (rms(total) or 1.0)


def speaker_of(path):
    m = FSDD_NAME.match(os.path.basename(path))
    return m.group(1) if m else None


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--manifest", default="data-cache/manifests/fsdd-dev.jsonl", help="clean source manifest")
    ap.add_argument("--snr", type=float, default=10.0, help="signal-to-noise ratio in dB")
    ap.add_argument("--name", help="output set name (default <manifest name>-snr<snr>)")
    ap.add_argument("--types", default="white,pink,babble", help="comma-separated noise types to draw from")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--out", default="data-cache", help="data cache root")
    args = ap.parse_args()

    types = args.types.split(",")
    for t in types:
        if t not in ("white", "pink", "babble"):
            sys.exit("error: unknown noise type %r" % t)
    stem = os.path.basename(args.manifest)
    stem = stem[:-len(".jsonl")] if stem.endswith(".jsonl") else stem
    name = args.name or "%s-snr%g" % (stem, args.snr)
    clips = read_manifest(args.manifest)
    audio_dir = os.path.join(args.out, "noisy", name)
    mdir = os.path.join(args.out, "manifests")
    os.makedirs(audio_dir, exist_ok=True)

    rng = np.random.default_rng(args.seed)
    cache, entries, made, counts = {}, [], 0, {}
    for c in clips:
        kind = types[rng.integers(len(types))]
        clip_seed = int(rng.integers(2**31))
        counts[kind] = counts.get(kind, 0) + 1
        path = os.path.join(audio_dir, os.path.basename(c["path"]))
        if not os.path.exists(path):
            x, rate = read_wav(c["path"])
            x = x.astype(np.float64)
            crng = np.random.default_rng(clip_seed)
            if kind == "white":
                noise = crng.normal(size=len(x))
            elif kind == "pink":
                noise = pink(crng, len(x))
            else:
                spk = speaker_of(c["path"])
                others = [o["path"] for o in clips if o["path"] != c["path"] and (spk is None or speaker_of(o["path"]) != spk)]
                noise = babble(crng, len(x), others, cache)
            noise *= rms(x) / (rms(noise) or 1.0) / 10 ** (args.snr / 20.0)
            y = x + noise
            peak = float(np.max(np.abs(y))) if len(y) else 0.0
            if peak > 0.99:
                y *= 0.99 / peak
            write_wav(path, y, rate)
            made += 1
        e = manifest_entry(mdir, path, c["text"])
        for k, v in c.items():
            if k not in ("audio_filepath", "text", "duration", "path"):
                e[k] = v
        e["noise"], e["snr_db"] = kind, args.snr
        entries.append(e)
    write_manifest(os.path.join(mdir, name + ".jsonl"), entries)
    print("%s.jsonl: %d clips (%d new), %s, %.1f s" % (
        name, len(entries), made, ", ".join("%s %d" % kv for kv in sorted(counts.items())),
        sum(e["duration"] for e in entries)))


if __name__ == "__main__":
    main()
