#!/usr/bin/env python3
"""The table of evaluate-model.sh: one row per set from `earshot eval --json` reports.

Usage: python3 Scripts/evaluation/eval-table.py REPORT_DIR SET... [--json-out eval.json]

Reads REPORT_DIR/<set>.json for every SET and prints clips, clip accuracy, WER, CER and
real-time factor ("-" where a report has no such figure). --json-out writes all reports as
{set: report}.
"""
import argparse
import json
import os


def figure(report, *names):
    """The first of `names` in the report (snake_case or camelCase), or None."""
    for name in names:
        if name in report:
            return report[name]
    return None


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("report_dir")
    ap.add_argument("sets", nargs="+")
    ap.add_argument("--json-out", help="write {set: report} here")
    args = ap.parse_args()
    reports = {s: json.load(open(os.path.join(args.report_dir, s + ".json"))) for s in args.sets}

    def cell(x, percent=True):
        return "-" if x is None else ("%.2f %%" % (100 * x) if percent else "%.4f" % x)

    print("%-26s %6s %10s %8s %8s %8s" % ("set", "clips", "accuracy", "WER", "CER", "RTF"))
    for s, r in reports.items():
        clips = figure(r, "clips")
        print("%-26s %6s %10s %8s %8s %8s" % (
            s, clips if clips is not None else "-", cell(figure(r, "accuracy")),
            cell(figure(r, "word_error_rate", "wordErrorRate")),
            cell(figure(r, "character_error_rate", "characterErrorRate")),
            cell(figure(r, "real_time_factor", "realTimeFactor"), False)))
    if args.json_out:
        with open(args.json_out, "w") as fh:
            json.dump(reports, fh, indent=1, sort_keys=True)


if __name__ == "__main__":
    main()
