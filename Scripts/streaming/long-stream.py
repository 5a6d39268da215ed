#!/usr/bin/env python3
"""Reads what `earshot stream --json` made of a stream from stream-generator.py: how the finals
line up with the clips that were played, and how long each final took.

Usage:
  long-stream.py RESULTS.jsonl LAYOUT.jsonl

Each final belongs to the clip its first word's midpoint falls in (a word's time span, widened
to its speech, may begin a little before its clip). Prints: clips and finals; clips heard
as exactly one final; clips whose finals, joined, equal the clip's text; finals that straddle two
clips; the same share in the first and the last quarter of the stream (drift over time would
show there); latency_ms median / 95th percentile / max over the finals ended by trailing silence; and,
when the layout has word times, the same latencies measured from the true end of the clip's
last word instead of the end the recognizer gives the word.
"""
import bisect
import json
import statistics
import sys


def percentile(values, q):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, int(round(q * len(ordered) + 0.5)) - 1))]


def summary(name, values):
    if not values:
        return f"{name}: none"
    return (f"{name}: median {statistics.median(values):.0f} ms, 95th percentile {percentile(values, 0.95):.0f} ms, "
            f"max {max(values):.0f} ms ({len(values)} finals)")


def main():
    results, layout_path = sys.argv[1:3]
    finals = [e for e in map(json.loads, open(results)) if e["type"] == "final"]
    clips = [json.loads(line) for line in open(layout_path)]
    offsets = [c["offset"] for c in clips]
    heard = max((f["stream_time"] for f in finals), default=0)
    clips = [c for c in clips if c["offset"] + 0.5 < heard]  # the ones played before the end
    per_clip = [[] for _ in clips]
    straddling = 0
    latencies, true_latencies = [], []
    for final in finals:
        if not final["words"]:
            continue
        clip_of = lambda word: bisect.bisect_right(offsets, (word["start"] + word["end"]) / 2) - 1
        first, last = clip_of(final["words"][0]), clip_of(final["words"][-1])
        if 0 <= first < len(per_clip):
            per_clip[first].append(final["text"])
        straddling += first != last
        if final["endpoint"] != "trailing-silence":
            continue
        latencies.append(final["latency_ms"])
        if 0 <= last < len(clips) and clips[last]["words"]:
            true_end = clips[last]["words"][-1]["end"]
            true_latencies.append(final["latency_ms"] + 1000 * (final["words"][-1]["end"] - true_end))
    single = sum(len(texts) == 1 for texts in per_clip)
    correct = sum(" ".join(texts) == clip["text"] for texts, clip in zip(per_clip, clips))
    print(f"{len(clips)} clips played, {len(finals)} finals, {heard:.0f} s of audio")
    print(f"clips heard as exactly one final: {single} ({100 * single / max(1, len(clips)):.1f} %)")
    print(f"clips whose finals equal the clip's text: {correct} ({100 * correct / max(1, len(clips)):.1f} %)")
    quarter = len(clips) // 4
    for name, part in (("first", range(quarter)), ("last", range(len(clips) - quarter, len(clips)))):
        right = sum(" ".join(per_clip[i]) == clips[i]["text"] for i in part)
        print(f"  in the {name} quarter: {right} of {len(part)} ({100 * right / max(1, len(part)):.1f} %)")
    print(f"finals straddling two clips: {straddling}")
    print(summary("latency (recognizer's word end)", latencies))
    if true_latencies:
        print(summary("latency (true word end)", true_latencies))


if __name__ == "__main__":
    main()
