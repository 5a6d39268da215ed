#!/usr/bin/env python3
"""The tables of speaker-folds.sh: the recipe on each fold's speakers, and on all of them.

Usage: python3 Scripts/evaluation/fold-table.py runs/fold-0 [runs/fold-1 ...]

Reads each fold folder's breakdown.json (breakdown.py --json-out, per-word counts of the fold's
`sc-dev` + `sc-other-dev`) and prints, per fold and summed over the folds given: speakers,
commands right, digits right, real other words rejected (nothing reported) and in-vocabulary
clips rejected, each as a share and as counts. Then, from each folder's calibration.json
(calibration.py --json-out on the same clips), the threshold table summed over the folds: what
`--reject-below` buys on every speaker the folds hold. A fold without a file gets a note.
"""
import argparse
import json
import os
import sys

sys.dont_write_bytecode = True  # keep __pycache__ out of the source tree
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "data"))
from vocabulary import COMMANDS, DIGITS, FILLER  # noqa: E402

COLUMNS = ["commands", "digits", "other words rejected", "in-vocabulary rejected"]


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


def load(folder, name):
    """The folder's JSON file `name`, or None (with a note) when it is missing."""
    path = os.path.join(folder, name)
    if not os.path.exists(path):
        print("| %s | (no result: %s missing) |" % (os.path.basename(folder), path))
        return None
    return json.load(open(path))


def fold_rows(folders):
    print("| fold | speakers | " + " | ".join(COLUMNS) + " |")
    print("|---|---:|" + "---:|" * len(COLUMNS))
    summed = {c: (0, 0) for c in COLUMNS}
    speakers = folds = 0
    for folder in folders:
        breakdown = load(folder, "breakdown.json")
        if breakdown is None:
            continue
        row = counts(breakdown)
        folds += 1
        speakers += len(breakdown["speakers"])
        summed = {c: (summed[c][0] + row[c][0], summed[c][1] + row[c][1]) for c in COLUMNS}
        print("| %s | %d | %s |" % (os.path.basename(folder), len(breakdown["speakers"]),
                                    " | ".join(cell(row[c]) for c in COLUMNS)))
    print("| **%d folds** | %d | %s |" % (folds, speakers, " | ".join(cell(summed[c]) for c in COLUMNS)))


def threshold_rows(folders):
    """calibration.py's threshold table, its clip counts summed over the folds."""
    print("\n| threshold | in-vocabulary clips right | in-vocabulary clips rejected | other words rejected |")
    print("|---:|---:|---:|---:|")
    summed = {}
    for folder in folders:
        calibration = load(folder, "calibration.json")
        if calibration is None:
            continue
        for row in calibration["thresholds"]:
            total = summed.setdefault(row["threshold"], [0, 0, 0, 0, 0])
            counts = row["counts"]
            total[0] += counts["in_vocab_right"]
            total[1] += counts["in_vocab_rejected"]
            total[2] += counts["oov_rejected"]
            total[3] += calibration["in_vocab_clips"]
            total[4] += calibration["oov_clips"]
    for threshold, (right, rejected, oov, n_in, n_oov) in sorted(summed.items()):
        print("| %g | %s | %s | %s |" % (threshold, cell((right, n_in)), cell((rejected, n_in)), cell((oov, n_oov))))


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("folders", nargs="+")
    args = ap.parse_args()
    fold_rows(args.folders)
    threshold_rows(args.folders)


if __name__ == "__main__":
    main()
