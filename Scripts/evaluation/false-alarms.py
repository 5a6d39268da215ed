#!/usr/bin/env python3
"""Count the vocabulary words `earshot stream` reports in a recording of continuous speech made
by continuous-speech.py: false alarms per hour, and, when commands were inserted, how many
of them are found.

Usage (from the repository root):
    python3 Scripts/evaluation/false-alarms.py OUT/continuous.json [--earshot BIN] [--model M]
        [--results OUT/stream.jsonl] [--rescore] [--thresholds 0,0.5,0.7,0.9]
        [--json-out RESULT.json] [-- EXTRA STREAM FLAGS, e.g. --beam 1 --chunk-ms 160]

Runs `earshot stream AUDIO --json --stats [--model M] EXTRA...` on the sidecar's audio
(the recording lies beside the sidecar). A file is played as fast as possible (no --realtime
or --speed), so an hour takes a minute or so. The stream's output is kept in --results
(default: beside the sidecar, stream.jsonl); --rescore reads it instead of running again.

Only final results count (partials are superseded by them). A reported word is every word of a
final except <unk> (a word below --reject-below) and any other <...> symbol: each is a
vocabulary word the recognizer claims was said.

Without inserted commands every reported word is a false alarm: false alarms per hour =
reported words / hours of audio.

With inserted commands (continuous-speech.py --insert-commands) each command has a window:
the inserted clip's start..end widened by --margin (0.5 s) on each side. A command is found
when a reported word equals the command's word and its start..end overlaps the window. A
reported word that overlaps no window is a false alarm outside the commands; false alarms per
hour outside = those / hours of audio outside all windows. Reported words inside a window that
are not the command's word (or a second copy of it) are counted apart as "extra in window".

Every false alarm is also put down to the voice reading the sentence it falls in (a sentence's
start..end widened by --margin): a few voices can carry most of them.

Each row of the table keeps only the words whose confidence is at least the row's threshold,
as an application would that accepts words above a confidence (same run, re-filtered).
Also prints the words most often falsely reported. --json-out writes all of it as JSON.
"""
import argparse
import collections
import json
import os
import subprocess
import sys

sys.dont_write_bytecode = True  # keep __pycache__ out of the source tree
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from transcripts import split_passthrough  # noqa: E402


def run_stream(args, audio, extra):
    cmd = [args.earshot, "stream", audio, "--json", "--stats"]
    if args.model:
        cmd += ["--model", args.model]
    cmd += extra
    print("running: " + " ".join(cmd), file=sys.stderr)
    with open(args.results + ".tmp", "w") as out:
        proc = subprocess.run(cmd, stdout=out, stderr=subprocess.PIPE, text=True)
    if proc.returncode != 0:
        sys.stderr.write(proc.stderr)
        raise SystemExit("earshot stream failed (%d)" % proc.returncode)
    os.replace(args.results + ".tmp", args.results)
    stats = None
    for line in proc.stderr.splitlines():
        try:
            stats = json.loads(line)
        except ValueError:
            continue
    if stats is not None:
        with open(args.results + ".stats.json", "w") as f:
            shown = ["stream", "--json", "--stats"] + (["--model", os.path.basename(args.model)] if args.model else []) + extra
            json.dump({"command": shown, "stats": stats}, f)
    return stats


def reported_words(results):
    words = []
    with open(results) as f:
        for line in f:
            line = line.strip()
            if not line:
                continue
            e = json.loads(line)
            if e.get("type") != "final":
                continue
            words += [w for w in e.get("words", []) if not w["word"].startswith("<")]
    return words


def overlaps(word, lo, hi):
    return word["start"] < hi and word["end"] > lo


def merged_length(windows):
    total, cur_lo, cur_hi = 0.0, None, None
    for lo, hi in sorted(windows):
        if cur_hi is None or lo > cur_hi:
            if cur_hi is not None:
                total += cur_hi - cur_lo
            cur_lo, cur_hi = lo, hi
        else:
            cur_hi = max(cur_hi, hi)
    if cur_hi is not None:
        total += cur_hi - cur_lo
    return total


def by_voice(words, segments, margin):
    """[{voice, false_alarms, sentences in that voice}], most false alarms first; a word in no
    sentence counts under "between sentences"."""
    speech = [s for s in segments if s.get("kind") == "speech"]
    sentences = collections.Counter("%s %s" % (s["engine"], s["voice"]) for s in speech)
    alarms = collections.Counter()
    for w in words:
        voice = next(("%s %s" % (s["engine"], s["voice"]) for s in speech
                      if overlaps(w, s["start"] - margin, s["end"] + margin)), "between sentences")
        alarms[voice] += 1
    return [{"voice": v, "false_alarms": n, "sentences": sentences.get(v, 0)} for v, n in alarms.most_common()]


def score(words, commands, segments, duration, margin, threshold):
    kept = [w for w in words if w["confidence"] >= threshold]
    hours = duration / 3600.0
    row = {"threshold": threshold, "hours": hours, "words_reported": len(kept),
           "reported_per_hour": len(kept) / hours if hours else None}
    if not commands:
        row["false_alarms"] = len(kept)
        row["false_alarms_per_hour"] = row["reported_per_hour"]
        row["false_alarm_words"] = collections.Counter(w["word"] for w in kept).most_common()
        row["false_alarms_by_voice"] = by_voice(kept, segments, margin)
        return row
    windows = [(c["start"] - margin, c["end"] + margin) for c in commands]
    used = set()
    found = 0
    per_word = collections.defaultdict(lambda: [0, 0])
    for c, (lo, hi) in zip(commands, windows):
        per_word[c["word"]][1] += 1
        hit = next((i for i, w in enumerate(kept) if i not in used and w["word"] == c["word"] and overlaps(w, lo, hi)), None)
        if hit is not None:
            used.add(hit)
            found += 1
            per_word[c["word"]][0] += 1
    outside = [w for w in kept if not any(overlaps(w, lo, hi) for lo, hi in windows)]
    inside_extra = len(kept) - len(outside) - len(used)
    hours_outside = (duration - merged_length([(max(0, lo), min(duration, hi)) for lo, hi in windows])) / 3600.0
    row.update({
        "commands": len(commands), "found": found, "detection_rate": found / len(commands),
        "extra_in_window": inside_extra, "false_alarms": len(outside), "hours_outside": hours_outside,
        "false_alarms_per_hour": len(outside) / hours_outside if hours_outside else None,
        "false_alarm_words": collections.Counter(w["word"] for w in outside).most_common(),
        "found_by_word": {k: {"found": v[0], "inserted": v[1]} for k, v in sorted(per_word.items())},
        "false_alarms_by_voice": by_voice(outside, segments, margin),
    })
    return row


def main():
    argv, extra = split_passthrough(sys.argv[1:])
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("sidecar", help="continuous.json written by continuous-speech.py")
    ap.add_argument("--earshot", default=".build/release/earshot", help="earshot binary (default: .build/release/earshot)")
    ap.add_argument("--model", help="model file (default: the bundled model)")
    ap.add_argument("--results", help="stream output, JSON Lines (default: stream.jsonl beside the sidecar)")
    ap.add_argument("--rescore", action="store_true", help="score --results as they are, without running")
    ap.add_argument("--thresholds", default="0,0.5,0.7,0.9", help="confidence thresholds, one row each")
    ap.add_argument("--margin", type=float, default=0.5, help="seconds around an inserted clip (default 0.5)")
    ap.add_argument("--json-out", help="write the results as JSON here")
    args = ap.parse_args(argv)

    with open(args.sidecar) as f:
        side = json.load(f)
    audio = os.path.join(os.path.dirname(os.path.abspath(args.sidecar)), side["audio"])
    args.results = args.results or os.path.join(os.path.dirname(os.path.abspath(args.sidecar)), "stream.jsonl")
    stats = None
    if args.rescore:
        if not os.path.exists(args.results):
            raise SystemExit("--rescore: %s does not exist" % args.results)
        if os.path.exists(args.results + ".stats.json"):
            with open(args.results + ".stats.json") as f:
                stats = json.load(f)["stats"]
    else:
        stats = run_stream(args, audio, extra)

    words = reported_words(args.results)
    commands = side.get("commands") or []
    duration = side["duration"]
    segments = side.get("segments", [])
    rows = [score(words, commands, segments, duration, args.margin, float(t)) for t in args.thresholds.split(",")]

    print("%.3f h of continuous speech (%d sentences, %d words, no vocabulary word)%s" % (
        duration / 3600, side.get("sentences", 0), side.get("words", 0),
        ", %d commands inserted" % len(commands) if commands else ""))
    if stats:
        print("stream: %.0f s of audio in %.1f s (real-time factor %.4f)" % (
            stats.get("audio_seconds", 0), stats.get("wall_seconds", 0), stats.get("real_time_factor", 0)))
    if commands:
        print("\n| min confidence | words reported | commands found | detection % | extra in window "
              "| false alarms outside | FA / hour outside |")
        print("|---:|---:|---:|---:|---:|---:|---:|")
        for r in rows:
            print("| %g | %d | %d / %d | %.1f | %d | %d | %.1f |" % (
                r["threshold"], r["words_reported"], r["found"], r["commands"], 100 * r["detection_rate"],
                r["extra_in_window"], r["false_alarms"], r["false_alarms_per_hour"] or 0))
    else:
        print("\n| min confidence | words reported (= false alarms) | false alarms / hour |")
        print("|---:|---:|---:|")
        for r in rows:
            print("| %g | %d | %.1f |" % (r["threshold"], r["words_reported"], r["false_alarms_per_hour"] or 0))
    top = rows[0]["false_alarm_words"][:10]
    if top:
        print("\nmost frequent false alarms (min confidence %g): %s" % (
            rows[0]["threshold"], ", ".join("%s %d" % (w, n) for w, n in top)))
    voices = rows[0]["false_alarms_by_voice"][:5]
    if voices:
        print("false alarms by voice (min confidence %g): %s" % (rows[0]["threshold"], ", ".join(
            "%s %d (%d sentences)" % (v["voice"], v["false_alarms"], v["sentences"]) for v in voices)))
    if commands:
        missed = {k: v for k, v in rows[0]["found_by_word"].items() if v["found"] < v["inserted"]}
        if missed:
            print("commands missed (min confidence %g): %s" % (rows[0]["threshold"], ", ".join(
                "%s %d/%d" % (k, v["inserted"] - v["found"], v["inserted"]) for k, v in missed.items())))
    if args.json_out:
        out = {"sidecar": os.path.basename(args.sidecar), "model": os.path.basename(args.model) if args.model else "bundled",
               "stream_flags": extra, "margin": args.margin, "stream_stats": stats, "rows": rows}
        with open(args.json_out, "w") as f:
            json.dump(out, f, indent=1)


if __name__ == "__main__":
    main()
