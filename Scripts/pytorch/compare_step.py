#!/usr/bin/env python3
"""Earshot's training step against PyTorch's, measured in one run: for each row, `rounds` rounds
that each run `earshot bench gru` and then `bench_step.py` (fresh processes, `--runs` timed runs
each), so both see the same load. Prints a Markdown table: the median over rounds of each side's
median wall time and mean CPU time per step, and PyTorch ÷ Earshot for both.

    python compare_step.py --earshot .build/release/earshot [--rounds 5] [--runs 10]

Needs torch (the same virtual environment as bench_step.py).
"""

import argparse
import json
import statistics
import subprocess
import sys
from pathlib import Path

# (label, network flags shared by both sides, mode flag)
ROWS = [
    ("hidden 128, training step", ["--input", "13", "--hidden", "128"], "--train-step"),
    ("hidden 128, forward + backward", ["--input", "13", "--hidden", "128"], "--backward"),
    ("input 40, hidden 256, training step", ["--input", "40", "--hidden", "256"], "--train-step"),
    ("input 40, hidden 256, forward + backward", ["--input", "40", "--hidden", "256"], "--backward"),
]


def measure(command):
    result = subprocess.run(command, check=True, capture_output=True, text=True)
    figures = json.loads(result.stdout.strip().splitlines()[-1])
    return figures["median_ms"], figures["cpu_ms_mean"]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--earshot", required=True, help="the earshot executable")
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--threads", type=int, nargs="+", default=[1, 2])
    args = parser.parse_args()
    torch_bench = [sys.executable, str(Path(__file__).with_name("bench_step.py"))]

    print("| row | threads | PyTorch (ms) | Earshot (ms) | ratio | PyTorch CPU (ms) | Earshot CPU (ms) | CPU ratio |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|")
    for label, network, mode in ROWS:
        for threads in args.threads:
            shape = network + ["--batch", "32", "--steps", "100", "--threads", str(threads), "--runs", str(args.runs), mode]
            earshot, pytorch = [], []
            for _ in range(args.rounds):
                earshot.append(measure([args.earshot, "bench", "gru"] + shape))
                pytorch.append(measure(torch_bench + shape))
            e_wall, e_cpu = (statistics.median(f[i] for f in earshot) for i in (0, 1))
            p_wall, p_cpu = (statistics.median(f[i] for f in pytorch) for i in (0, 1))
            print(f"| {label} | {threads} | {p_wall:.1f} | {e_wall:.1f} | {p_wall / e_wall:.2f}× "
                  f"| {p_cpu:.1f} | {e_cpu:.1f} | {p_cpu / e_cpu:.2f}× |", flush=True)


if __name__ == "__main__":
    main()
