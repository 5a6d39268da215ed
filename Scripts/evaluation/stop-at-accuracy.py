#!/usr/bin/env python3
"""Watch a training run's JSON log and stop the run (SIGINT: checkpoint saved) as soon as an
epoch's dev accuracy reaches a target; fsdd-speed-run.sh runs it beside `earshot train --json-log`.

Usage: python3 Scripts/evaluation/stop-at-accuracy.py LOG TARGET START PID [--manifest M]

Prints each epoch's dev accuracy and wall time since START (seconds since the epoch, the
launch), and on reaching TARGET the epochs, wall and training seconds and the throughput in
seconds of training audio (the duration of manifest M) per second of training. Exits 1 when the
run ends first.
"""
import argparse
import json
import os
import signal
import sys
import time

sys.dont_write_bytecode = True  # keep __pycache__ out of the source tree
sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "data"))
from manifestio import read_manifest  # noqa: E402


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("log", help="the run's --json-log output")
    ap.add_argument("target", type=float, help="dev accuracy to reach, e.g. 0.98")
    ap.add_argument("start", type=float, help="launch time, seconds since the epoch")
    ap.add_argument("pid", type=int, help="the training process")
    ap.add_argument("--manifest", default="data-cache/manifests/fsdd-train.jsonl", help="the training data")
    args = ap.parse_args()
    target = args.target
    audio = sum(e["duration"] for e in read_manifest(args.manifest))
    seen, train_seconds = 0, 0.0
    while True:
        lines = open(args.log).read().splitlines()
        for line in lines[seen:]:
            try:
                e = json.loads(line)
            except ValueError:
                continue
            if e.get("event") != "epoch":
                continue
            acc = e["dev_accuracy"] if "dev_accuracy" in e else e["devAccuracy"]
            train_seconds += e["seconds"]
            wall = time.time() - args.start
            print("epoch %d: dev accuracy %.2f %%, epoch %.1f s, wall %.1f s since launch"
                  % (e["epoch"], 100 * acc, e["seconds"], wall), flush=True)
            if acc >= target:
                print("reached %.0f %% dev accuracy after %d epochs: %.1f s wall from launch, %.1f s of training epochs; "
                      "throughput %.0f s of audio per wall second (%.1f s of fsdd-train audio per epoch)"
                      % (100 * target, e["epoch"], wall, train_seconds, audio * e["epoch"] / train_seconds, audio),
                      flush=True)
                os.kill(args.pid, signal.SIGINT)
                sys.exit(0)
        seen = len(lines)
        try:
            os.kill(args.pid, 0)
        except OSError:
            print("the run ended without reaching %.0f %%" % (100 * target))
            sys.exit(1)
        time.sleep(0.5)


if __name__ == "__main__":
    main()
