#!/usr/bin/env python3
"""How far the confidences `earshot transcribe` gives its words can be trusted, and what a
confidence threshold buys: word-level calibration (ECE, reliability diagram) and a table of
clips right / rejected per threshold, on in-vocabulary and out-of-vocabulary clips.

Usage (from the repository root):
    python3 Scripts/evaluation/calibration.py --in-vocab DEV.jsonl --oov DEV-OOV.jsonl
        --transcripts CACHE.jsonl [--earshot BIN] [--model M] [--threads 2]
        [--json-out RESULT.json] [--svg-out RELIABILITY.svg] [-- EXTRA TRANSCRIBE FLAGS]

Manifests are JSON Lines {audio_filepath (relative to the manifest), text, duration}. In the
--in-vocab manifest text is the reference transcript; in the --oov manifest text is "" (speech
of words outside the vocabulary, or no speech: nothing should be reported).

Transcripts. Every clip is run through `earshot transcribe --json --threads N [--model M]
EXTRA...` (in batches of 400 files) and each result is kept in --transcripts, keyed by
manifest name + audio_filepath + the flags; clips already there with the same flags are not run
again, so re-scoring is instant. Words whose name starts with "<" (<unk>, <other>) count as not
reported.

Word correctness. Each reported word is a (confidence, correct) pair.
  * In-vocabulary clip: the hypothesis words are aligned to the reference words by a minimum
    edit-distance (Levenshtein) alignment; a reported word is correct when the alignment pairs
    it with an identical reference word, wrong when it is a substitution or an insertion.
    (For a one-word clip: the word is correct only if it is the reference word, and only once.)
  * OOV clip: every reported word is wrong.

(a) Calibration. The pairs go into 10 equal-width confidence bins ([0, 0.1), ..., [0.9, 1]);
ECE = sum over bins of (words in bin / all words) x |accuracy in bin - mean confidence in bin|.
Printed for all words, and for in-vocabulary words only. --svg-out writes a reliability diagram
(self-contained SVG): a bar per bin at its accuracy, the bin's mean confidence as a tick, the
diagonal of perfect calibration, and the number of words in each bin.

(b) Threshold table. For each threshold t in 0, 0.3, 0.5, 0.6, 0.7, 0.8, 0.9, 0.95
(--thresholds), words with confidence < t are dropped, then: in-vocab right = % of
in-vocabulary clips whose remaining transcript equals the reference; in-vocab rejected = % of
in-vocabulary clips with nothing left; OOV rejected = % of OOV clips with nothing left.
Markdown on stdout; --json-out writes everything, bins included, and each threshold's clip
counts beside its shares (`counts`), so tables over several runs can be summed.
"""
import argparse
import json
import math
import os
import sys

sys.dont_write_bytecode = True  # keep __pycache__ out of the source tree
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "data"))
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from manifestio import read_manifest  # noqa: E402
from transcripts import clip_key, load_cache, split_passthrough, transcribe, transcribe_flags  # noqa: E402

def align_correct(hyp, ref):
    """For each hypothesis word, whether a minimum edit-distance alignment matches it to an equal reference word."""
    n, m = len(hyp), len(ref)
    d = [[0] * (m + 1) for _ in range(n + 1)]
    for i in range(n + 1):
        d[i][0] = i
    for j in range(m + 1):
        d[0][j] = j
    for i in range(1, n + 1):
        for j in range(1, m + 1):
            d[i][j] = min(d[i - 1][j - 1] + (hyp[i - 1] != ref[j - 1]), d[i - 1][j] + 1, d[i][j - 1] + 1)
    correct = [False] * n
    i, j = n, m
    while i > 0 and j > 0:  # backtrace, preferring matches
        if hyp[i - 1] == ref[j - 1] and d[i][j] == d[i - 1][j - 1]:
            correct[i - 1] = True
            i, j = i - 1, j - 1
        elif d[i][j] == d[i - 1][j - 1] + 1:
            i, j = i - 1, j - 1
        elif d[i][j] == d[i - 1][j] + 1:
            i -= 1
        else:
            j -= 1
    return correct


def bins_of(pairs, nbins=10):
    bins = [{"lo": b / nbins, "hi": (b + 1) / nbins, "count": 0, "conf_sum": 0.0, "correct": 0} for b in range(nbins)]
    for conf, ok in pairs:
        b = bins[min(nbins - 1, max(0, int(math.floor(conf * nbins))))]
        b["count"] += 1
        b["conf_sum"] += conf
        b["correct"] += ok
    total = sum(b["count"] for b in bins)
    ece = 0.0
    for b in bins:
        b["mean_confidence"] = b["conf_sum"] / b["count"] if b["count"] else None
        b["accuracy"] = b["correct"] / b["count"] if b["count"] else None
        if b["count"]:
            ece += b["count"] / total * abs(b["accuracy"] - b["mean_confidence"])
        del b["conf_sum"]
    return bins, (ece if total else None)


def reliability_svg(bins, ece, n_words, title):
    W, H, L, R, T, B = 540, 500, 70, 20, 50, 90
    pw, ph = W - L - R, H - T - B
    x = lambda v: L + v * pw
    y = lambda v: T + (1 - v) * ph
    out = ['<svg xmlns="http://www.w3.org/2000/svg" width="%d" height="%d" viewBox="0 0 %d %d" '
           'font-family="sans-serif" font-size="11">' % (W, H, W, H),
           '<rect width="100%" height="100%" fill="white"/>',
           '<text x="%d" y="20" font-size="14" text-anchor="middle">%s</text>' % (W // 2, title),
           '<text x="%d" y="38" text-anchor="middle">%d words, ECE %.3f (10 equal-width bins)</text>' % (
               W // 2, n_words, ece if ece is not None else float("nan"))]
    for k in range(11):
        v = k / 10
        out.append('<line x1="%.1f" y1="%.1f" x2="%.1f" y2="%.1f" stroke="#ddd"/>' % (x(0), y(v), x(1), y(v)))
        out.append('<text x="%.1f" y="%.1f" text-anchor="end">%.1f</text>' % (x(0) - 5, y(v) + 4, v))
        out.append('<text x="%.1f" y="%.1f" text-anchor="middle">%.1f</text>' % (x(v), y(0) + 15, v))
    out.append('<text x="%.1f" y="%.1f" text-anchor="end" fill="#333">words</text>' % (x(0) - 5, y(0) + 31))
    for b in bins:
        bx, bw = x(b["lo"]) + 2, x(b["hi"]) - x(b["lo"]) - 4
        out.append('<text x="%.1f" y="%.1f" text-anchor="middle" fill="#333">%d</text>' % (
            bx + bw / 2, y(0) + 31, b["count"]))
        if not b["count"]:
            continue
        out.append('<rect x="%.1f" y="%.1f" width="%.1f" height="%.1f" fill="#4878b0" fill-opacity="0.8"/>' % (
            bx, y(b["accuracy"]), bw, y(0) - y(b["accuracy"])))
        out.append('<line x1="%.1f" y1="%.1f" x2="%.1f" y2="%.1f" stroke="#d04020" stroke-width="2"/>' % (
            bx, y(b["mean_confidence"]), bx + bw, y(b["mean_confidence"])))
    out.append('<line x1="%.1f" y1="%.1f" x2="%.1f" y2="%.1f" stroke="#555" stroke-dasharray="5,4"/>' % (
        x(0), y(0), x(1), y(1)))
    out.append('<rect x="%.1f" y="%.1f" width="%.1f" height="%.1f" fill="none" stroke="#333"/>' % (x(0), y(1), pw, ph))
    out.append('<text x="%.1f" y="%.1f" text-anchor="middle">confidence</text>' % (x(0.5), y(0) + 50))
    out.append('<text transform="translate(18,%.1f) rotate(-90)" text-anchor="middle">accuracy (share of words correct)</text>'
               % y(0.5))
    out.append('<text x="%.1f" y="%d" text-anchor="middle" xml:space="preserve"><tspan fill="#4878b0">bars: accuracy in bin</tspan>'
               '<tspan fill="#d04020">   red ticks: mean confidence in bin</tspan>'
               '<tspan fill="#555">   dashes: perfect calibration</tspan></text>' % (x(0.5), H - 12))
    out.append("</svg>")
    return "\n".join(out) + "\n"


def main():
    argv, extra = split_passthrough(sys.argv[1:])
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--in-vocab", required=True, help="manifest of in-vocabulary clips (text = reference)")
    ap.add_argument("--oov", required=True, help='manifest of out-of-vocabulary clips (text "")')
    ap.add_argument("--transcripts", required=True, help="cache of transcribe results, JSON Lines (created if missing)")
    ap.add_argument("--earshot", default=".build/release/earshot", help="earshot binary (default: .build/release/earshot)")
    ap.add_argument("--model", help="model file (default: the bundled model)")
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--thresholds", default="0,0.3,0.5,0.6,0.7,0.8,0.9,0.95")
    ap.add_argument("--json-out")
    ap.add_argument("--svg-out")
    args = ap.parse_args(argv)

    flags, key_flags = transcribe_flags(args.model, extra)
    sets = {}
    for name, manifest in (("in_vocab", args.in_vocab), ("oov", args.oov)):
        entries = read_manifest(manifest)
        for e in entries:
            e["key"] = clip_key(manifest, e, key_flags)
        sets[name] = entries
    cache = load_cache(args.transcripts)
    todo = [(e["key"], e["path"]) for es in sets.values() for e in es if e["key"] not in cache]
    if todo:
        transcribe(args, todo, flags, cache)
    failed = sum(e["key"] not in cache for es in sets.values() for e in es)
    if failed:
        print("%d clips failed to transcribe and are left out" % failed, file=sys.stderr)

    pairs, pairs_in = [], []
    clips = {"in_vocab": [], "oov": []}
    for name, entries in sets.items():
        for e in entries:
            r = cache.get(e["key"])
            if r is None:
                continue
            words = [(w["word"], w["confidence"]) for w in r["words"] if not w["word"].startswith("<")]
            ref = e["text"].split() if name == "in_vocab" else []
            ok = align_correct([w for w, _ in words], ref) if ref else [False] * len(words)
            for (_, c), good in zip(words, ok):
                pairs.append((c, good))
                if name == "in_vocab":
                    pairs_in.append((c, good))
            clips[name].append((ref, words))

    bins, ece = bins_of(pairs)
    bins_in, ece_in = bins_of(pairs_in)
    rows = []
    for t in map(float, args.thresholds.split(",")):
        kept = lambda words: [w for w, c in words if c >= t]
        n_in, n_oov = len(clips["in_vocab"]), len(clips["oov"])
        right = sum(kept(w) == ref for ref, w in clips["in_vocab"])
        rej_in = sum(not kept(w) for _, w in clips["in_vocab"])
        rej_oov = sum(not kept(w) for _, w in clips["oov"])
        rows.append({"threshold": t, "in_vocab_right": 100 * right / max(1, n_in),
                     "in_vocab_rejected": 100 * rej_in / max(1, n_in), "oov_rejected": 100 * rej_oov / max(1, n_oov),
                     "counts": {"in_vocab_right": right, "in_vocab_rejected": rej_in, "oov_rejected": rej_oov}})

    n_in, n_oov = len(clips["in_vocab"]), len(clips["oov"])
    print("%d in-vocabulary clips, %d out-of-vocabulary clips; %d words reported (%d in in-vocabulary clips)" % (
        n_in, n_oov, len(pairs), len(pairs_in)))
    fmt = lambda v: "n/a" if v is None else "%.3f" % v
    print("ECE (10 bins): all words %s; in-vocabulary clips only %s\n" % (fmt(ece), fmt(ece_in)))
    print("| confidence bin | words | mean confidence | accuracy |")
    print("|---|---:|---:|---:|")
    for b in bins:
        print("| %.1f-%.1f | %d | %s | %s |" % (b["lo"], b["hi"], b["count"],
                                               fmt(b["mean_confidence"]), fmt(b["accuracy"])))
    print("\n| threshold | in-vocab right % | in-vocab rejected % | OOV rejected % |")
    print("|---:|---:|---:|---:|")
    for r in rows:
        print("| %g | %.1f | %.1f | %.1f |" % (r["threshold"], r["in_vocab_right"], r["in_vocab_rejected"], r["oov_rejected"]))

    if args.svg_out:
        title = "Word confidence reliability (%s)" % (os.path.basename(args.model) if args.model else "bundled model")
        with open(args.svg_out, "w") as f:
            f.write(reliability_svg(bins, ece, len(pairs), title))
    if args.json_out:
        out = {"in_vocab_manifest": os.path.basename(args.in_vocab), "oov_manifest": os.path.basename(args.oov),
               "model": os.path.basename(args.model) if args.model else "bundled", "transcribe_flags": extra,
               "in_vocab_clips": n_in, "oov_clips": n_oov, "failed_clips": failed, "words": len(pairs),
               "words_in_vocab_clips": len(pairs_in), "ece": ece, "ece_in_vocab": ece_in,
               "bins": bins, "bins_in_vocab": bins_in, "thresholds": rows}
        with open(args.json_out, "w") as f:
            json.dump(out, f, indent=1)


if __name__ == "__main__":
    main()
