#!/usr/bin/env python3
"""The table of leave-one-speaker-out.sh: accuracy and WER per left-out speaker, and the mean.

Usage: python3 Scripts/evaluation/loso-table.py OUT_DIR SPEAKER...

Reads OUT_DIR/loso-<speaker>/eval.json (evaluate-model.sh --json-out) and its
fsdd-loso-<speaker>-test report; a speaker without one gets a note instead of a row.
"""
import argparse
import json
import os


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("out_dir")
    ap.add_argument("speakers", nargs="+")
    args = ap.parse_args()
    print("%-10s %6s %10s %8s" % ("left out", "clips", "accuracy", "WER"))
    accs, wers = [], []
    for s in args.speakers:
        path = os.path.join(args.out_dir, "loso-" + s, "eval.json")
        if not os.path.exists(path):
            print("%-10s (no result: %s missing)" % (s, path))
            continue
        r = json.load(open(path))["fsdd-loso-%s-test" % s]
        wer = r["word_error_rate"] if "word_error_rate" in r else r["wordErrorRate"]
        accs.append(r["accuracy"])
        wers.append(wer)
        print("%-10s %6d %8.2f %% %6.2f %%" % (s, r["clips"], 100 * r["accuracy"], 100 * wer))
    print("%-10s %6s %8.2f %% %6.2f %%" % ("mean of %d" % len(accs), "", 100 * sum(accs) / len(accs),
                                          100 * sum(wers) / len(wers)))


if __name__ == "__main__":
    main()
