#!/usr/bin/env python3
"""Per-word and per-speaker results of single-word clips: how often each word is recognised
exactly, what it is taken for when it is not, and how each speaker fares.

Usage (from the repository root):
    python3 Scripts/evaluation/breakdown.py MANIFEST.jsonl [MANIFEST ...] --transcripts CACHE.jsonl
        [--earshot BIN] [--model M] [--threads 2] [--json-out RESULT.json] [-- EXTRA TRANSCRIBE FLAGS]

Clips are transcribed with `earshot transcribe --json` through the same cache as calibration.py
(clips already in --transcripts with the same flags are not run again). A clip is right when its
transcript equals its reference; `<other>` in a reference means speech outside the vocabulary, and
such a clip is right (rejected) when nothing is reported. The speaker is the file name before its
first `_` (Speech Commands' SPEAKER_nohash_N, or FSDD's DIGIT_SPEAKER_TAKE: the second field).
Prints the share right with a 95 % interval from resampling the speakers (a cluster bootstrap:
clips of one speaker are not independent, so the interval is that of the speakers' draw), then
Markdown tables: per word (clips, right %, most frequent errors) and per speaker (clips, right %),
worst first.
"""
import argparse
import collections
import json
import os
import random
import sys

sys.dont_write_bytecode = True  # keep __pycache__ out of the source tree
HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "data"))
sys.path.insert(0, HERE)
from transcripts import clip_key, load_cache, split_passthrough, transcribe, transcribe_flags  # noqa: E402
from manifestio import FSDD_NAME, read_manifest  # noqa: E402
from vocabulary import FILLER  # noqa: E402



def speaker_of(path):
    name = os.path.basename(path)
    fsdd = FSDD_NAME.match(name)
    return fsdd.group(2) if fsdd else name.split("_")[0]


def speaker_interval(speakers, draws=2000, seed=1):
    """The 2.5th and 97.5th percentiles of the share right over `draws` resamplings of the
    speakers with replacement (each draw keeps all of a drawn speaker's clips)."""
    rows = list(speakers.values())
    rng = random.Random(seed)
    shares = []
    for _ in range(draws):
        drawn = [rows[rng.randrange(len(rows))] for _ in rows]
        shares.append(sum(r["right"] for r in drawn) / sum(r["clips"] for r in drawn))
    shares.sort()
    return shares[int(0.025 * draws)], shares[int(0.975 * draws) - 1]


def main():
    argv, extra = split_passthrough(sys.argv[1:])
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("manifests", nargs="+")
    ap.add_argument("--transcripts", required=True)
    ap.add_argument("--earshot", default=".build/release/earshot")
    ap.add_argument("--model")
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--json-out")
    args = ap.parse_args(argv)
    flags, key_flags = transcribe_flags(args.model, extra)

    cache = load_cache(args.transcripts)
    clips = [(m, e) for m in args.manifests for e in read_manifest(m)]
    keys = [(clip_key(m, e, key_flags), e["path"]) for m, e in clips]
    todo = [(key, path) for key, path in keys if key not in cache]
    if todo:
        transcribe(args, todo, flags, cache)

    words = collections.defaultdict(lambda: {"clips": 0, "right": 0, "errors": collections.Counter()})
    speakers = collections.defaultdict(lambda: {"clips": 0, "right": 0})
    for m, e in clips:
        result = cache.get(clip_key(m, e, key_flags))
        if result is None:
            continue
        reference = " ".join(w for w in e["text"].split() if w != FILLER)
        said = result["text"]
        word = e["text"] or "(no speech)"
        right = said == reference
        for table, key in ((words, word), (speakers, speaker_of(e["path"]))):
            table[key]["clips"] += 1
            table[key]["right"] += right
        if not right:
            words[word]["errors"][said or "(nothing)"] += 1

    pct = lambda r: 100.0 * r["right"] / r["clips"]
    total = {"clips": sum(r["clips"] for r in speakers.values()), "right": sum(r["right"] for r in speakers.values())}
    low, high = speaker_interval(speakers)
    print("%d clips of %d speakers: %.1f %% right (95 %% interval by speaker: %.1f-%.1f %%)\n" % (
        total["clips"], len(speakers), pct(total), 100 * low, 100 * high))
    print("| word | clips | right % | most frequent errors |\n|---|---:|---:|---|")
    for w, r in sorted(words.items(), key=lambda kv: pct(kv[1])):
        errs = ", ".join("%s %d" % kv for kv in r["errors"].most_common(3))
        print("| %s | %d | %.1f | %s |" % (w, r["clips"], pct(r), errs))
    rates = sorted(pct(r) for r in speakers.values())
    print("\n%d speakers: right %% min %.1f, median %.1f, max %.1f" % (
        len(rates), rates[0], rates[len(rates) // 2], rates[-1]))
    print("| speaker | clips | right % |\n|---|---:|---:|")
    for s, r in sorted(speakers.items(), key=lambda kv: (pct(kv[1]), kv[0]))[:10]:
        print("| %s | %d | %.1f |" % (s, r["clips"], pct(r)))
    if args.json_out:
        with open(args.json_out, "w") as f:
            json.dump({"words": {w: {**r, "errors": dict(r["errors"])} for w, r in words.items()},
                       "speakers": speakers, "right": pct(total) / 100, "interval": [low, high]},
                      f, indent=1, sort_keys=True)


if __name__ == "__main__":
    main()
