#!/usr/bin/env python3
"""How long the network's non-speech runs are inside utterances: the numbers that choose the
endpointer's trailing silence. A frame is non-speech when its blank posterior is at least P
(EndpointOptions.blankProbability); an endpoint fires after speech plus that many frames of it.

Usage:
  earshot transcribe --json --posteriors [--model M] CLIPS... | pauses.py [--blank 0.95,0.99]

For each P: the longest non-speech run between the first and last speech frame of each clip
(a pause inside one utterance, which the trailing silence must outlast so the utterance is not
cut), as median / 95th / 99th percentile / max in milliseconds, and the clips whose longest
inner pause reaches 300, 500 and 800 ms.
"""
import argparse
import json
import math
import sys


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--blank", default="0.9,0.95,0.99")
    parser.add_argument("--frame-ms", type=float, default=10)
    args = parser.parse_args()
    blanks = [[row[0] for row in json.loads(line)["log_probs"]] for line in sys.stdin]
    print(f"{len(blanks)} clips")
    print("| blank ≥ | median ms | 95th ms | 99th ms | max ms | ≥ 300 ms | ≥ 500 ms | ≥ 800 ms |")
    print("|---:|---:|---:|---:|---:|---:|---:|---:|")
    for p in map(float, args.blank.split(",")):
        threshold = math.log(p)
        longest = []
        for clip in blanks:
            speech = [t for t, b in enumerate(clip) if b < threshold]
            run = best = 0
            for b in clip[speech[0]:speech[-1] + 1] if speech else []:
                run = run + 1 if b >= threshold else 0
                best = max(best, run)
            longest.append(best * args.frame_ms)
        ordered = sorted(longest)
        pick = lambda q: ordered[min(len(ordered) - 1, int(q * len(ordered)))]
        count = lambda ms: sum(x >= ms for x in longest)
        print(f"| {p} | {pick(0.5):.0f} | {pick(0.95):.0f} | {pick(0.99):.0f} | {ordered[-1]:.0f} "
              f"| {count(300)} | {count(500)} | {count(800)} |")


if __name__ == "__main__":
    main()
