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
import statistics
from concurrent.futures import ThreadPoolExecutor

import streamcli


def first_shown(events):
    """For each word position (1, 2, ...), the stream time and type of the first event that holds
    at least that many words: a final adds its words to those before it, a partial shows its words
    after those of the finals before it."""
    shown, finalized = [], 0
    for event in events:
        count = finalized + len(event["words"])
        shown += [(event["stream_time"], event["type"])] * (count - len(shown))
        if event["type"] == "final":
            finalized = count
    return shown


def main():
    parser = streamcli.parser(__doc__)
    parser.add_argument("--chunk-ms", default="320")
    args = parser.parse_args()

    clips = [(entry["path"], [word["end"] for word in entry["words"]])
             for entry in streamcli.manifest_entries(args.manifests) if entry.get("words")]
    if not clips:
        raise SystemExit("no clips with word times (\"words\": [{\"word\", \"start\", \"end\"}]) in the manifests")

    with ThreadPoolExecutor(args.jobs) as pool:
        streams = list(pool.map(lambda clip: streamcli.stream_events(args, clip[0], "--chunk-ms", args.chunk_ms), clips))

    delays, by_partial, never = [], 0, 0
    for (_, ends), events in zip(clips, streams):
        shown = first_shown(events)
        never += max(0, len(ends) - len(shown))
        for end, (time, kind) in zip(ends, shown):
            delays.append(time - end)
            by_partial += kind == "partial"
    words = sum(len(ends) for _, ends in clips)
    with_partial = sum(any(e["type"] == "partial" for e in events) for events in streams)
    deciles = statistics.quantiles(delays, n=10) if len(delays) > 1 else delays * 9
    print(f"{len(clips)} clips, {words} words, chunks of {args.chunk_ms} ms")
    print("| words first shown by a partial | median delay after the word's end | 90th percentile | never shown | clips with a partial |")
    print("|---:|---:|---:|---:|---:|")
    print(f"| {100 * by_partial / words:.1f} % | {statistics.median(delays):.2f} s | {deciles[8]:.2f} s "
          f"| {never} | {100 * with_partial / len(clips):.1f} % |")


if __name__ == "__main__":
    main()
