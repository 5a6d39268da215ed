#!/usr/bin/env python3
"""Split the Speech Commands clips by speaker into training and dev manifests.

Usage (from the repository root):
  python3 Scripts/data/speech-commands-splits.py [--shared ../shared] [--out data-cache/manifests]
      [--dev-fraction 0.2] [--fold 0]

A speaker (the file name before the first `_`) is in dev when the first 8 hex digits of the SHA-1
of their id, as a fraction h of 2^32, fall in fold K of width --dev-fraction f: K·f <= h < (K+1)·f.
Fold 0 (the default) is the dev split of every model here; folds 0-4 of width 0.2 are a 5-fold
split by speaker (Scripts/train-default-model.sh --fold K). No person is ever in both sets, and
the split of a speaker does not change when clips or speakers are added.

Writes (paths relative to the manifest folder):
  sc-train.jsonl         the 20 vocabulary words (10 commands, 10 digits) of training speakers
  sc-dev.jsonl           the same for dev speakers; also sc-dev-commands.jsonl, sc-dev-digits.jsonl
  sc-other-train.jsonl   the other words of training speakers, labelled FILLER (`<other>`)
  sc-other-dev.jsonl     the other words of dev speakers, labelled FILLER too (eval drops FILLER
                         from references and transcripts: nothing should be reported)
  sc-noise-train.jsonl   half of `_silence_/` (background noise, for augmentation), empty text
  sc-noise-dev.jsonl     the other half, empty text: nothing should be reported
`_silence_` clips have no speaker; they are split by a hash of the file name.
Ends with a table of clips and speakers per manifest.
"""
import argparse
import hashlib
import os
import sys

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from manifestio import manifest_entry, write_manifest  # noqa: E402
from vocabulary import COMMANDS, DIGITS, FILLER  # noqa: E402


def hash_fraction(key):
    """The first 8 hex digits of the SHA-1 of `key`, as a fraction in [0, 1)."""
    return int(hashlib.sha1(key.encode()).hexdigest()[:8], 16) / 2 ** 32


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--shared", default="../shared")
    ap.add_argument("--out", default="data-cache/manifests")
    ap.add_argument("--dev-fraction", type=float, default=0.2)
    ap.add_argument("--fold", type=int, default=0)
    args = ap.parse_args()
    low, high = args.fold * args.dev_fraction, (args.fold + 1) * args.dev_fraction
    if not 0 < args.dev_fraction <= 1 or args.fold < 0 or low >= 1:
        sys.exit("error: --fold %d of width --dev-fraction %g lies outside [0, 1)" % (args.fold, args.dev_fraction))
    root = os.path.join(args.shared, "data", "speech-commands")
    if not os.path.isdir(root):
        sys.exit("error: %s: no such folder (Speech Commands clips)" % root)

    sets = {name: [] for name in ("sc-train", "sc-dev", "sc-dev-commands", "sc-dev-digits",
                                  "sc-other-train", "sc-other-dev", "sc-noise-train", "sc-noise-dev")}
    speakers = {name: set() for name in sets}

    def add(name, path, text, speaker):
        sets[name].append(manifest_entry(args.out, path, text))
        speakers[name].add(speaker)

    for word in sorted(os.listdir(root)):
        folder = os.path.join(root, word)
        if not os.path.isdir(folder):
            continue
        for name in sorted(os.listdir(folder)):
            if not name.endswith(".flac"):
                continue
            path = os.path.join(folder, name)
            if word == "_silence_":
                add("sc-noise-dev" if hash_fraction(name) < 0.5 else "sc-noise-train", path, "", "-")
                continue
            speaker = name.split("_")[0]
            dev = low <= hash_fraction(speaker) < high
            if word in COMMANDS or word in DIGITS:
                add("sc-dev" if dev else "sc-train", path, word, speaker)
                if dev:
                    add("sc-dev-commands" if word in COMMANDS else "sc-dev-digits", path, word, speaker)
            else:
                add("sc-other-dev" if dev else "sc-other-train", path, FILLER, speaker)

    overlap = (speakers["sc-train"] | speakers["sc-other-train"]) & (speakers["sc-dev"] | speakers["sc-other-dev"])
    assert not overlap, "speakers in both training and dev: %s" % sorted(overlap)
    print("%-24s %6s %9s" % ("manifest", "clips", "speakers"))
    for name, entries in sets.items():
        write_manifest(os.path.join(args.out, name + ".jsonl"), entries)
        print("%-24s %6d %9d" % (name + ".jsonl", len(entries), len(speakers[name] - {"-"})))


if __name__ == "__main__":
    main()
