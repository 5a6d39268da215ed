#!/usr/bin/env python3
"""How close `earshot transcribe --json` word times are to the true ones of a manifest.

Usage (from the repository root, after `swift build -c release`):
    python3 Scripts/word-timing-accuracy.py [--manifest data-cache/manifests/connected-dev.jsonl]
        [--earshot .build/release/earshot] [--model FILE] [--beam N]

The manifest's lines need `words`: [{"word", "start", "end"}] in seconds (as written by
Scripts/data/connected-digits.py). Only utterances whose text is recognized exactly count, so
words pair one to one. Prints the median and 90th percentile of |start − true start| and
|end − true end| in ms, and the share of words whose [start, end] covers at least half of the
true span: |[start, end] ∩ [true start, true end]| ≥ 0.5 · (true end − true start).
"""
import argparse
import json
import os
import subprocess
import sys


def percentile(values, p):
    """The p-th percentile (0–100) by linear interpolation between the sorted values."""
    s = sorted(values)
    x = (len(s) - 1) * p / 100
    i = int(x)
    return s[i] if i + 1 == len(s) else s[i] + (s[i + 1] - s[i]) * (x - i)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--manifest", default="data-cache/manifests/connected-dev.jsonl")
    ap.add_argument("--earshot", default=".build/release/earshot")
    ap.add_argument("--model", help="model file (default: the bundled one)")
    ap.add_argument("--beam", type=int, help="beam width (default: earshot's)")
    args = ap.parse_args()

    base = os.path.dirname(os.path.abspath(args.manifest))
    with open(args.manifest, encoding="utf-8") as f:
        truth = {}
        for line in f:
            if line.strip():
                entry = json.loads(line)
                truth[os.path.normpath(os.path.join(base, entry["audio_filepath"]))] = entry
    command = [args.earshot, "transcribe", "--json"]
    if args.model:
        command += ["--model", args.model]
    if args.beam:
        command += ["--beam", str(args.beam)]
    out = subprocess.run(command + sorted(truth), check=True, capture_output=True, text=True).stdout

    start_errors, end_errors, covered, correct = [], [], 0, 0
    for line in out.splitlines():
        result = json.loads(line)
        expected = truth[result["file"]]
        if result["text"] != expected["text"]:
            continue
        correct += 1
        for word, true in zip(result["words"], expected["words"]):
            start_errors.append(1000 * abs(word["start"] - true["start"]))
            end_errors.append(1000 * abs(word["end"] - true["end"]))
            overlap = min(word["end"], true["end"]) - max(word["start"], true["start"])
            covered += overlap >= 0.5 * (true["end"] - true["start"])
    if not start_errors:
        sys.exit("no utterance recognized correctly")

    words = len(start_errors)
    print(f"{correct}/{len(truth)} utterances recognized correctly, {words} words")
    print(f"start error ms: median {percentile(start_errors, 50):.0f}, p90 {percentile(start_errors, 90):.0f}")
    print(f"end error ms:   median {percentile(end_errors, 50):.0f}, p90 {percentile(end_errors, 90):.0f}")
    print(f"words covering ≥ 50% of their true span: {100 * covered / words:.1f}%")


if __name__ == "__main__":
    main()
