#!/usr/bin/env python3
"""The table of speaker-folds.sh: the recipe on each fold's speakers, and on all of them.

Usage: python3 Scripts/evaluation/fold-table.py runs/fold-0/breakdown.json [...]

Reads the per-word counts breakdown.py --json-out wrote for each fold's `sc-dev` + `sc-other-dev`
and prints, per fold and summed over the folds given: speakers, commands right, digits right,
real other words rejected (nothing reported) and in-vocabulary clips rejected, each as a share
and as counts. A fold without a file gets a note instead of a row.
"""
import argparse
import json
import os

COMMANDS = "yes no up down left right on off stop go".split()
DIGITS = "zero one two three four five six seven eight nine".split()
FILLER = "<other>"


def counts(breakdown):
    """(right, clips) of commands, digits and other words, and (rejected, clips) of in-vocabulary
    words, from one breakdown.json."""
    words = breakdown["words"]

    def total(group, key="right"):
        rows = [words[w] for w in group if w in words]
        return sum(r[key] for r in rows), sum(r["clips"] for r in rows)

    rejected = sum(words[w]["errors"].get("(nothing)", 0) for w in COMMANDS + DIGITS if w in words)
    return {"commands": total(COMMANDS), "digits": total(DIGITS), "other words rejected": total([FILLER]),
            "in-vocabulary rejected": (rejected, total(COMMANDS + DIGITS)[1])}


def cell(pair):
    part, whole = pair
    return "%.1f %% (%d / %d)" % (100 * part / whole, part, whole) if whole else "-"


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("breakdowns", nargs="+")
    args = ap.parse_args()
    columns = ["commands", "digits", "other words rejected", "in-vocabulary rejected"]
    print("| fold | speakers | " + " | ".join(columns) + " |")
    print("|---|---:|" + "---:|" * len(columns))
    summed = {c: (0, 0) for c in columns}
    speakers = folds = 0
    for path in args.breakdowns:
        name = os.path.basename(os.path.dirname(os.path.abspath(path)))
        if not os.path.exists(path):
            print("| %s | (no result: %s missing) |" % (name, path))
            continue
        breakdown = json.load(open(path))
        row = counts(breakdown)
        folds += 1
        speakers += len(breakdown["speakers"])
        summed = {c: (summed[c][0] + row[c][0], summed[c][1] + row[c][1]) for c in columns}
        print("| %s | %d | %s |" % (name, len(breakdown["speakers"]), " | ".join(cell(row[c]) for c in columns)))
    print("| **%d folds** | %d | %s |" % (folds, speakers, " | ".join(cell(summed[c]) for c in columns)))


if __name__ == "__main__":
    main()
