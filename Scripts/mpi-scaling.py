#!/usr/bin/env python3
"""Measures `earshot train` on one process and on several under mpirun, alternating, in one run.

Usage: Scripts/mpi-scaling.py --data DIR [--data DIR ...] [--epochs 2] [--rounds 2]
           [--earshot .build/release/earshot] [--mpirun-arg=ARG ...]
           [--hostfile FILE [--hosts-arg=ARG ...]] [-- TRAIN FLAGS]

Each round runs, one after the other: 1 process with 1 thread, 1 process with 2 threads (the
trainer's own batch split), `mpirun -np 2` with 1 thread per process, and with --hostfile
`mpirun -np 2` on those hosts (e.g. Scripts/netns-hosts.sh's, whose mpirun arguments go in
--hosts-arg). Every run trains
--epochs epochs without a dev set (no validation in the epoch's time), with --json-log. Prints a
Markdown table: the configuration, the median epoch time, updates per second, items per second,
and the share of the training steps spent exchanging gradients (mpirun only). The machines are
shared and noisy: compare rows of one table, not figures from different runs.

Needs `earshot` built with `swift build -c release --traits MPI` and Open MPI's mpirun.
"""
import argparse
import json
import math
import os
import re
import statistics
import subprocess
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def updates(items, batch_size, pool_batches=16):
    """Batches of one epoch as LengthBucketing cuts them: pools of pool_batches × batch_size items."""
    pool = batch_size * pool_batches
    return sum(math.ceil(min(pool, items - start) / batch_size) for start in range(0, items, pool))


def train(launcher, earshot, data, epochs, threads, flags, out):
    command = launcher + [earshot, "train", "--dev-fraction", "0", "--epochs", str(epochs), "--patience", "0",
                          "--threads", str(threads), "--json-log", "--out", out] + flags
    for d in data:
        command += ["--data", d]
    # A session of its own: with the kernel's autogroup scheduling, CPU time is shared between
    # sessions, and the processes Open MPI starts on other hosts get new sessions; so every row does.
    lines = subprocess.run(command, check=True, capture_output=True, text=True, start_new_session=True).stdout.splitlines()
    events = [json.loads(line) for line in lines if line.startswith("{")]
    items = [e["items"] for e in events if e["event"] == "start"]
    epochs = [e for e in events if e["event"] == "epoch"]
    notes = [e["message"] for e in events if e["event"] == "note"]
    share = next((float(m.group(1)) for n in notes for m in [re.search(r"took ([0-9.]+) %", n)] if m), None)
    return [(i, e["seconds"]) for i, e in zip(items, epochs)], share


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", action="append", required=True)
    parser.add_argument("--epochs", type=int, default=2)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--batch-size", type=int, default=32)
    parser.add_argument("--earshot", default=os.path.join(ROOT, ".build", "release", "earshot"))
    parser.add_argument("--mpirun-arg", action="append", default=[], help="an extra mpirun argument, e.g. --mpirun-arg=--mca")
    parser.add_argument("--hostfile", help="add a row: mpirun -np 2 on these hosts")
    parser.add_argument("--hosts-arg", action="append", default=[], help="an extra mpirun argument for that row")
    parser.add_argument("flags", nargs="*", help="more `earshot train` flags, after --")
    args = parser.parse_args()

    mpirun = ["mpirun", "--allow-run-as-root", "--oversubscribe", "--bind-to", "none", "-np", "2"] + args.mpirun_arg
    configurations = [
        ("1 process, 1 thread", [], 1),
        ("1 process, 2 threads", [], 2),
        ("mpirun -np 2, 1 thread each", mpirun, 1),
    ]
    if args.hostfile:
        configurations.append(("mpirun -np 2 on the hostfile's hosts", mpirun + ["--hostfile", args.hostfile] + args.hosts_arg, 1))
    flags = ["--batch-size", str(args.batch_size)] + args.flags
    results = {name: ([], []) for name, _, _ in configurations}
    with tempfile.TemporaryDirectory() as scratch:
        for r in range(args.rounds):
            for index, (name, launcher, threads) in enumerate(configurations):
                epochs, share = train(launcher, args.earshot, args.data, args.epochs, threads, flags,
                                      os.path.join(scratch, f"{r}-{index}.safetensors"))
                results[name][0].extend(epochs)
                if share is not None:
                    results[name][1].append(share)

    print("| configuration | epoch (s) | updates/s | items/s | exchanging gradients (% of steps) |")
    print("|---|---:|---:|---:|---:|")
    for name, (epochs, shares) in results.items():
        seconds = statistics.median(s for _, s in epochs)
        items = statistics.median_low(i for i, _ in epochs)
        share = f"{statistics.median(shares):.1f}" if shares else ""
        print(f"| {name} | {seconds:.2f} | {updates(items, args.batch_size) / seconds:.2f} | {items / seconds:.0f} | {share} |")


if __name__ == "__main__":
    main()
