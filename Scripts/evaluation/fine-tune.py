#!/usr/bin/env python3
"""How much fine-tuning a model on N clips per word of one speaker helps that speaker.

Usage (from the repository root):
    python3 Scripts/evaluation/fine-tune.py --model MODEL --manifest SPEAKER.jsonl [--n 1 3 5]
        [--seed 1] [--earshot BIN] [--threads 2] [--work DIR] [--reversed-other] [--check SET.jsonl ...]
        [--json-out RESULT.json]
        [-- EXTRA TRAIN FLAGS]

SPEAKER.jsonl is a manifest of one speaker's clips, many per word (the transcript is the word).
MODEL is a model file or `default` (the bundled model). Each word's clips are shuffled once with
--seed; for each N, the first N clips of every word are the training data (a manifest written to
--work, a temporary folder by default), fine-tuned with
`earshot train --init MODEL --data N.jsonl --out N.safetensors` plus the flags after `--` (e.g.
`-- --epochs 5 --lr 3e-4`; with `--model default` the bundled rehearsal set trains beside the
clips, as in `earshot train`, and `-- --rehearse default` does that for a model file). Both the original and the fine-tuned model are then scored with
`earshot eval --json` on the clips beyond the largest N, the same clips for every row, so the rows
compare (a word with no clip left over is left out of the scores, with a warning).

Prints a Markdown table: N, clips trained on, accuracy before, accuracy after, training seconds
(wall clock of `earshot train`). `--reversed-other` adds the N training clips played backwards,
labelled `<other>` (Scripts/data/reversed-speech.py), so the filler is trained in the speaker's
voice too (docs/training.md). `--check SET.jsonl` (repeatable) also scores every model on a set
of other people's clips, to show what fine-tuning costs the model elsewhere (forgetting): its
other words (`<other>` clips: the share rejected), or words the speaker's clips do not have.
"""
import argparse
import collections
import json
import os
import random
import subprocess
import sys
import tempfile
import time

sys.dont_write_bytecode = True  # keep __pycache__ out of the source tree
HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "data"))
sys.path.insert(0, HERE)
from manifestio import audio_duration, read_manifest, write_manifest  # noqa: E402
from transcripts import split_passthrough  # noqa: E402


def manifest_lines(manifest_dir, entries):
    """Entries as manifest lines whose audio paths are relative to `manifest_dir`."""
    lines = []
    for e in entries:
        duration = e.get("duration")
        if duration is None:
            duration = audio_duration(e["path"])
        rel = os.path.relpath(e["path"], os.path.abspath(manifest_dir))
        lines.append({"audio_filepath": rel, "text": e["text"], "duration": duration})
    return lines


def split(entries, sizes, seed):
    """For each N in `sizes`, the first N of every word's shuffled clips; and the clips beyond the largest N."""
    by_word = collections.OrderedDict()
    for e in entries:
        by_word.setdefault(e["text"].strip(), []).append(e)
    rng = random.Random(seed)
    largest = max(sizes)
    train = {n: [] for n in sizes}
    held_out = []
    for word in sorted(by_word):
        clips = list(by_word[word])
        rng.shuffle(clips)
        if len(clips) < largest:
            sys.exit("word %r has %d clips, fewer than N = %d" % (word, len(clips), largest))
        if len(clips) == largest:
            print("warning: word %r has no clip left to score beyond N = %d" % (word, largest), file=sys.stderr)
        for n in sizes:
            train[n] += clips[:n]
        held_out += clips[largest:]
    return train, held_out


def name(manifest):
    """A set's name: its manifest's file name without the extension."""
    return os.path.splitext(os.path.basename(manifest))[0]


def run(command):
    """Runs `command`; on failure prints its standard error and exits."""
    result = subprocess.run(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    if result.returncode != 0:
        sys.exit("failed (%d): %s\n%s" % (result.returncode, " ".join(command), result.stderr.strip()))
    return result.stdout


def accuracy(args, model, manifest):
    """Exact-match accuracy of `model` (None: the bundled one) on `manifest`, from `earshot eval --json`."""
    command = [args.earshot, "eval", "--json", "--threads", str(args.threads), "--data", manifest]
    if model is not None:
        command += ["--model", model]
    return json.loads(run(command))["accuracy"]


def main():
    argv, extra = split_passthrough(sys.argv[1:])
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--model", required=True, help="model file, or `default` for the bundled model")
    ap.add_argument("--manifest", required=True, help="one speaker's clips, many per word")
    ap.add_argument("--n", type=int, nargs="+", default=[1, 3, 5], help="clips per word to fine-tune on")
    ap.add_argument("--seed", type=int, default=1, help="seeds the choice of clips")
    ap.add_argument("--earshot", default=".build/release/earshot")
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--work", help="folder for the manifests and models (default: a temporary one)")
    ap.add_argument("--reversed-other", action="store_true",
                    help="also train on the N clips played backwards, labelled <other>")
    ap.add_argument("--check", action="append", default=[], metavar="SET.jsonl",
                    help="also score every model on this set (repeatable): what fine-tuning costs elsewhere")
    ap.add_argument("--json-out")
    args = ap.parse_args(argv)
    if min(args.n) < 1:
        sys.exit("--n must be 1 or more")
    sizes = sorted(set(args.n))

    work = args.work or tempfile.mkdtemp(prefix="earshot-fine-tune-")
    os.makedirs(work, exist_ok=True)
    train, held_out = split(read_manifest(args.manifest), sizes, args.seed)
    if not held_out:
        sys.exit("no clips left to score: every word needs more than %d clips" % max(sizes))
    score_manifest = os.path.join(work, "score.jsonl")
    write_manifest(score_manifest, manifest_lines(work, held_out))
    original = None if args.model == "default" else args.model
    before = accuracy(args, original, score_manifest)
    checks = {name(c): c for c in args.check}
    checks_before = {n: accuracy(args, original, c) for n, c in checks.items()}

    rows = []
    for n in sizes:
        manifest = os.path.join(work, "train-%d.jsonl" % n)
        write_manifest(manifest, manifest_lines(work, train[n]))
        out = os.path.join(work, "fine-tuned-%d.safetensors" % n)
        command = [args.earshot, "train", "--init", args.model, "--data", manifest, "--out", out,
                   "--threads", str(args.threads), "--seed", str(args.seed)] + extra
        if args.reversed_other:
            reversed_set = "reversed-%d" % n
            run([sys.executable, os.path.join(HERE, "..", "data", "reversed-speech.py"), manifest, "--name", reversed_set,
                 "--out", work])
            command += ["--data", os.path.join(work, "manifests", reversed_set + ".jsonl")]
        started = time.monotonic()
        run(command)
        seconds = time.monotonic() - started
        rows.append({"n": n, "clips": len(train[n]), "accuracy_before": before,
                     "accuracy_after": accuracy(args, out, score_manifest), "training_seconds": round(seconds, 1),
                     "checks_after": {c: accuracy(args, out, path) for c, path in checks.items()}})

    print("model %s, %d clips scored (%s), work folder %s" % (args.model, len(held_out), args.manifest, work))
    check_columns = "".join(" %s %%, before → after |" % c for c in checks)
    print("\n| N | clips trained | accuracy before % | accuracy after % | training s |" + check_columns)
    print("|---:|---:|---:|---:|---:|" + "---:|" * len(checks))
    for r in rows:
        cells = "".join(" %.1f → %.1f |" % (100 * checks_before[c], 100 * r["checks_after"][c]) for c in checks)
        print("| %d | %d | %.1f | %.1f | %.1f |" % (
            r["n"], r["clips"], 100 * r["accuracy_before"], 100 * r["accuracy_after"], r["training_seconds"]) + cells)
    if args.json_out:
        with open(args.json_out, "w", encoding="utf-8") as f:
            json.dump({"model": args.model, "manifest": args.manifest, "seed": args.seed, "scored_clips": len(held_out),
                       "train_flags": extra, "reversed_other": args.reversed_other, "checks_before": checks_before, "rows": rows}, f, indent=1)
            f.write("\n")


if __name__ == "__main__":
    main()
