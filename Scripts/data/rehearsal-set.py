#!/usr/bin/env python3
"""The rehearsal set: a few of the training clips, replayed while fine-tuning so the model keeps them.

Usage (from the repository root):
  python3 Scripts/data/rehearsal-set.py [--manifests data-cache/manifests]
      [--out Sources/EarshotTraining/Resources/rehearsal] [--per-word 1] [--real-other 8]
      [--synthetic-other 5] [--seed 1]

Fine-tuning on a few clips of one person's words teaches a model that everything is one of those
words: it stops rejecting other words. `earshot train --init default` therefore trains on this set
beside the person's clips (docs/training.md, "Adapting a model to your voice"): --per-word clips
of every vocabulary word from Speech Commands' training speakers (sc-train), --real-other clips of
Speech Commands' other words (sc-other-train) and --synthetic-other synthetic other words
(synth-other-train, some with a vocabulary word inside), all labelled as in training, each from a
different speaker where the data allows. Only training manifests are read, so the dev speakers
stay unheard and the fine-tuning measurements on them stay honest.

Writes <out>/rehearsal.jsonl and the clips as 16-bit FLAC beside it (sox), replacing what was there,
and <out>/README.md with the attribution the Speech Commands license (CC BY 4.0) asks for.
"""
import argparse
import collections
import glob
import os
import random
import subprocess
import sys

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from manifestio import manifest_entry, read_manifest, write_manifest  # noqa: E402
from vocabulary import FILLER  # noqa: E402

README = """# The rehearsal set

Clips that `earshot train --init default` trains on beside your own, so the fine-tuned model keeps
recognising other people and rejecting words outside its vocabulary (docs/training.md). Drawn from
the bundled model's training data by `Scripts/data/rehearsal-set.py --seed {seed}`: {words} clips
of vocabulary words and {real} of other words from Speech Commands, and {synthetic} synthetic other
words (espeak-ng and flite voices).

The Speech Commands clips are from Speech Commands v0.02 by Pete Warden, Google (2017), licensed
under CC BY 4.0 (https://creativecommons.org/licenses/by/4.0/); P. Warden, "Speech Commands: A
Dataset for Limited-Vocabulary Speech Recognition", arXiv:1804.03209 (2018). They are converted
to FLAC unchanged.
"""


def speaker(entry):
    """Speech Commands names a clip SPEAKER_nohash_TAKE; synthetic clips end in _VOICE."""
    stem = os.path.splitext(os.path.basename(entry["path"]))[0]
    return stem.split("_")[0] if "_nohash_" in stem else stem.rsplit("_", 1)[-1]


def draw(entries, count, rng, used):
    """`count` entries, each from a speaker not in `used` while such entries remain."""
    pool = list(entries)
    rng.shuffle(pool)
    pool.sort(key=lambda e: speaker(e) in used)  # stable: unheard speakers first, still shuffled
    chosen = pool[:count]
    used.update(speaker(e) for e in chosen)
    return chosen


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--manifests", default="data-cache/manifests")
    ap.add_argument("--out", default="Sources/EarshotTraining/Resources/rehearsal")
    ap.add_argument("--per-word", type=int, default=1, help="clips of each vocabulary word")
    ap.add_argument("--real-other", type=int, default=8, help="clips of Speech Commands' other words")
    ap.add_argument("--synthetic-other", type=int, default=5, help="synthetic other words")
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()

    rng, used = random.Random(args.seed), set()
    by_word = collections.defaultdict(list)
    for e in read_manifest(os.path.join(args.manifests, "sc-train.jsonl")):
        if e["text"].strip():
            by_word[e["text"].strip()].append(e)
    chosen = [e for word in sorted(by_word) for e in draw(by_word[word], args.per_word, rng, used)]
    words = len(chosen)
    chosen += draw(read_manifest(os.path.join(args.manifests, "sc-other-train.jsonl")), args.real_other, rng, used)
    chosen += draw(read_manifest(os.path.join(args.manifests, "synth-other-train.jsonl")), args.synthetic_other, rng, used)
    known = set(by_word) | {FILLER}
    if any(not set(e["text"].split()) <= known for e in chosen):
        sys.exit("a rehearsal clip has a word that is neither a vocabulary word nor %s" % FILLER)

    os.makedirs(args.out, exist_ok=True)
    for old in glob.glob(os.path.join(args.out, "*.flac")):
        os.remove(old)
    lines = []
    for index, e in enumerate(chosen):
        label = "-".join(e["text"].split()).replace(FILLER, "other")
        target = os.path.join(args.out, "%02d-%s-%s.flac" % (index, label, speaker(e)))
        subprocess.run(["sox", "-V1", e["path"], "-b", "16", target], check=True)
        lines.append(manifest_entry(args.out, target, e["text"]))
    write_manifest(os.path.join(args.out, "rehearsal.jsonl"), lines)
    with open(os.path.join(args.out, "README.md"), "w", encoding="utf-8") as f:
        f.write(README.format(seed=args.seed, words=words, real=args.real_other, synthetic=args.synthetic_other))
    print("%d clips (%d of vocabulary words, %d other) in %s" % (len(lines), words, len(lines) - words, args.out))


if __name__ == "__main__":
    main()
