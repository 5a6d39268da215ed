#!/usr/bin/env python3
"""How soon a word said into `earshot stream` shows up: for every word of manifests with word
times (`connected-dev`, the running speech), the stream time of the first event, partial or final,
that holds that many words, minus the time the word ended in the audio.

Usage:
  partial-latency.py [--earshot .build/release/earshot] [--model M] [--chunk-ms 320]
                     [--jobs 2] MANIFEST...

A word counts as shown once an event has at least as many words as its position in the clip
(1 for the first word, 2 for the second, ...), so a partial that has the right number of words
but a wrong one still counts: this measures when, not what (agreement.py measures what). Prints
the share of words first shown by a partial (the rest wait for the utterance's final), the
median and 90th percentile delay, and the share of clips with at least one partial.
"""
import json
import statistics
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import streamcli


def first_shown(events, count):
    """Stream time and type of the first event with at least `count` words, or None."""
    seen = 0
    for event in events:
        if event["type"] == "final":
            seen += len(event["words"])
            shown = seen
        else:
            shown = seen + len(event["words"])
        if shown >= count:
            return event["stream_time"], event["type"]
    return None


def main():
    parser = streamcli.parser(__doc__)
    parser.add_argument("--chunk-ms", default="320")
    args = parser.parse_args()

    clips = []
    for manifest in args.manifests:
        base = Path(manifest).parent
        for line in open(manifest):
            entry = json.loads(line)
            if entry.get("words"):
                clips.append((str(base / entry["audio_filepath"]), [w["end"] for w in entry["words"]]))
    if not clips:
        raise SystemExit("no clips with word times (\"words\": [{\"word\", \"start\", \"end\"}]) in the manifests")

    with ThreadPoolExecutor(args.jobs) as pool:
        streams = list(pool.map(lambda clip: streamcli.stream_events(args, clip[0], "--chunk-ms", args.chunk_ms), clips))

    delays, by_partial, never = [], 0, 0
    for (_, ends), events in zip(clips, streams):
        for position, end in enumerate(ends, 1):
            shown = first_shown(events, position)
            if shown is None:
                never += 1
                continue
            time, kind = shown
            delays.append(time - end)
            by_partial += kind == "partial"
    words = sum(len(ends) for _, ends in clips)
    with_partial = sum(any(e["type"] == "partial" for e in events) for events in streams)
    deciles = statistics.quantiles(delays, n=10) if len(delays) > 1 else delays * 9
    print(f"{len(clips)} clips, {words} words, chunks of {args.chunk_ms} ms")
    print(f"| words first shown by a partial | median delay after the word's end | 90th percentile | never shown | clips with a partial |")
    print("|---:|---:|---:|---:|---:|")
    print(f"| {100 * by_partial / words:.1f} % | {statistics.median(delays):.2f} s | {deciles[8]:.2f} s "
          f"| {never} | {100 * with_partial / len(clips):.1f} % |")


if __name__ == "__main__":
    main()
