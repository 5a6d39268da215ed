#!/usr/bin/env python3
"""Runs every benchmark row of docs/benchmarks.md in one go and prints the table.

Usage: Scripts/benchmarks.py [--shared ../shared] [--quick] [--only PREFIX]

Builds `earshot` in release mode, then runs each `earshot bench ...` command (each prints one
JSON object) and prints a Markdown table: the command, Earshot's figure, the reference figure
from REFERENCE-FIGURES.md and the ratio. Ratios are what to compare: the machines are shared
and noisy, so run this whole script in one go rather than mixing figures from different runs.
"""
import argparse
import json
import os
import subprocess
import sys
import tempfile
import wave

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
EARSHOT = os.path.join(ROOT, ".build", "release", "earshot")


def run(args):
    out = subprocess.run([EARSHOT, "bench", *args], check=True, capture_output=True, text=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def concatenate_wavs(paths, seconds, out_path):
    """Writes `seconds` of 8 kHz speech made of the given 8 kHz mono 16-bit clips, repeated."""
    frames, rate = bytearray(), 8000
    while len(frames) < seconds * rate * 2:
        for p in paths:
            with wave.open(p) as w:
                frames += w.readframes(w.getnframes())
    with wave.open(out_path, "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(rate)
        w.writeframes(bytes(frames[: int(seconds * rate) * 2]))


def rows(fsdd, long_file, short_file, runs):
    r = str(runs)
    # (label, bench args, figure key, reference figure, "higher" or "lower" is better)
    yield ("Decode FSDD (µs per file)", ["decode", fsdd, "--runs", r], "us_per_file", (21, 33), "lower")
    yield ("MFCC, FSDD 8 kHz, 1 thread (× real time)",
           ["features", fsdd, "--runs", r, "--threads", "1"], "x_realtime", (13300, 17900), "higher")
    yield ("MFCC, FSDD 8 kHz, FFT alone (× real time)",
           ["features", fsdd, "--runs", r, "--fft-only"], "x_realtime", (25000, 45000), "higher")
    yield ("MFCC, FSDD 8 kHz, 2 threads (× real time)",
           ["features", fsdd, "--runs", r, "--threads", "2"], "x_realtime", None, "higher")
    yield ("MFCC, 600 s @ 16 kHz, 40 bins, 1 thread (× real time)",
           ["features", "--synthetic-seconds", "600", "--sample-frequency=16000", "--num-mel-bins=40",
            "--runs", r], "x_realtime", (8100, 9000), "higher")
    for threads, ref in ((1, {"inf": (8, 12), "lin": 12.6, "fwd": 49, "fb": 206, "step": 252, "rag": 311,
                              "c1": 0.85, "c5": 2.7, "inf256": 16, "fb256": 544}),
                         (2, {"inf": 10, "lin": 13.3, "fwd": 48, "fb": 195, "step": 244, "rag": 287,
                              "c1": 0.75, "c5": 1.7, "inf256": 21, "fb256": 414})):
        t = ["--threads", str(threads), "--runs", "20"]
        yield (f"BiGRU 2×128 inference, batch 1, T=100, {threads} thr (ms)", ["gru", *t], "median_ms", ref["inf"], "lower")
        yield (f"BiGRU + Linear + log-softmax, batch 1, {threads} thr (ms)",
               ["gru", "--linear-classes", "11", *t], "median_ms", ref["lin"], "lower")
        yield (f"BiGRU forward, batch 32, {threads} thr (ms)", ["gru", "--batch", "32", *t], "median_ms", ref["fwd"], "lower")
        yield (f"BiGRU forward + backward, batch 32, {threads} thr (ms)",
               ["gru", "--batch", "32", "--backward", *t], "median_ms", ref["fb"], "lower")
        yield (f"Training step (BiGRU+Linear+CTC+Adam), batch 32, {threads} thr (ms)",
               ["gru", "--batch", "32", "--train-step", *t], "median_ms", ref["step"], "lower")
        yield (f"Training step, lengths 50–100, {threads} thr (ms)",
               ["gru", "--batch", "32", "--train-step", "--ragged", *t], "median_ms", ref["rag"], "lower")
        yield (f"CTC fwd+bwd, T=100, N=32, C=11, target 1, {threads} thr (ms)",
               ["ctc", "--target-length", "1", *t], "median_ms", ref["c1"], "lower")
        yield (f"CTC fwd+bwd, T=100, N=32, C=11, target 5, {threads} thr (ms)",
               ["ctc", "--target-length", "5", *t], "median_ms", ref["c5"], "lower")
        yield (f"BiGRU input 40, hidden 256, inference, {threads} thr (ms)",
               ["gru", "--input", "40", "--hidden", "256", *t], "median_ms", ref["inf256"], "lower")
        yield (f"BiGRU input 40, hidden 256, fwd + bwd, batch 32, {threads} thr (ms)",
               ["gru", "--input", "40", "--hidden", "256", "--batch", "32", "--backward", *t],
               "median_ms", ref["fb256"], "lower")
    for threads in (1, 2):
        t = ["--threads", str(threads), "--runs", r]
        yield (f"End to end, 1 s file, {threads} thr (real-time factor)",
               ["transcribe", short_file, *t], "real_time_factor", 0.0118, "lower")
        yield (f"End to end, 60 s file, {threads} thr (real-time factor)",
               ["transcribe", long_file, *t], "real_time_factor", 0.0107, "lower")
        yield (f"End to end, 2,250 FSDD files, {threads} thr (real-time factor)",
               ["transcribe", fsdd, *t], "real_time_factor", 0.0118, "lower")


def ratio(value, reference, better):
    if reference is None:
        return ""
    lo, hi = reference if isinstance(reference, tuple) else (reference, reference)
    if better == "lower":  # how many times faster than the reference
        a, b = lo / value, hi / value
    else:
        a, b = value / hi, value / lo
    return f"{a:.2f}×" if abs(a - b) < 1e-9 else f"{a:.2f}–{b:.2f}×"


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--shared", default=os.path.join(ROOT, "..", "shared"))
    parser.add_argument("--quick", action="store_true", help="fewer runs per row")
    parser.add_argument("--only", default="", help="run only rows whose label starts with this")
    args = parser.parse_args()

    subprocess.run(["swift", "build", "-c", "release", "--product", "earshot"], cwd=ROOT, check=True,
                   stdout=subprocess.DEVNULL)
    fsdd = os.path.join(args.shared, "data", "fsdd", "recordings")
    clips = [os.path.join(fsdd, f) for f in sorted(os.listdir(fsdd))[:200]]
    with tempfile.TemporaryDirectory() as tmp:
        short_file, long_file = os.path.join(tmp, "speech-1s.wav"), os.path.join(tmp, "speech-60s.wav")
        concatenate_wavs(clips[:3], 1, short_file)
        concatenate_wavs(clips, 60, long_file)
        print("| row | command | Earshot | reference | Earshot vs reference |")
        print("|---|---|---:|---:|---:|")
        for label, bench, key, reference, better in rows(fsdd, long_file, short_file, 3 if args.quick else 11):
            if not label.startswith(args.only):
                continue
            value = run(bench)[key]
            shown = " ".join(["earshot", "bench", *bench]).replace(fsdd, "data/fsdd/recordings")
            shown = shown.replace(short_file, "speech-1s.wav").replace(long_file, "speech-60s.wav")
            ref = "" if reference is None else (
                f"{reference[0]:g}–{reference[1]:g}" if isinstance(reference, tuple) else f"{reference:g}")
            shown_value = f"{value:,.0f}" if value >= 1000 else f"{value:.4g}"
            print(f"| {label} | `{shown}` | {shown_value} | {ref} | {ratio(value, reference, better)} |",
                  flush=True)


if __name__ == "__main__":
    sys.exit(main())
