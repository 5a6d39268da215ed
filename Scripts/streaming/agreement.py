#!/usr/bin/env python3
"""Streamed against offline: for every clip of the manifests, the text of `earshot stream`'s
finals (joined) against `earshot transcribe`, at several chunk / look-ahead sizes, with the word
error rate of both against the manifests' reference text.

Usage:
  agreement.py [--earshot .build/release/earshot] [--model M] [--sizes 160:160,80:80,...]
               [--jobs 2] [--show 10] [--lead SECONDS [--lead-noise AMPLITUDE]]
               [--join K [--pause SECONDS]] MANIFEST...

--lead puts SECONDS of pause before every clip (temporary copies; 16-bit WAV clips only), filled
with white noise of --lead-noise peak amplitude in [-1, 1] units (default 0: digital silence), as
a user who starts a stream and then speaks: a model that learned to emit its first word on the
first frame fails here and nowhere else.

--join streams K clips at a time as one stream, each followed by --pause seconds of digital
silence (default 1.2, longer than the 700 ms endpoint; clips shuffled with a fixed seed, made
16 kHz 16-bit by sox), as a user who says several commands in one session: a stream must give
each clip's offline transcript in turn, so the offline text is the transcripts of the clips as
they sit in the stream (clip + pause), joined. A model that emits an utterance's last word on
its last frame fails here and nowhere else.

Prints a Markdown table, one row per size: clips, agreement (streamed final == offline
transcript), WER offline, WER streamed and the difference; then the first --show clips whose
streamed and offline texts differ at the first size.
"""
import atexit
import json
import random
import shutil
import subprocess
import tempfile
import wave
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import streamcli


def edit_distance(a, b):
    row = list(range(len(b) + 1))
    for i, x in enumerate(a, 1):
        previous, row[0] = row[0], i
        for j, y in enumerate(b, 1):
            previous, row[j] = row[j], min(row[j] + 1, row[j - 1] + 1, previous + (x != y))
    return row[len(b)]


def wer(hypotheses, references):
    errors = sum(edit_distance(h.split(), r.split()) for h, r in zip(hypotheses, references))
    return errors / max(1, sum(len(r.split()) for r in references))


def with_lead(file, directory, index, seconds, amplitude):
    """A copy of the 16-bit WAV `file` in `directory` with `seconds` of pause before it."""
    with wave.open(file) as source:
        params, frames = source.getparams(), source.readframes(source.getnframes())
    assert params.sampwidth == 2, f"{file}: --lead needs 16-bit WAV clips"
    noise = random.Random(index)
    count = int(seconds * params.framerate) * params.nchannels
    peak = int(amplitude * 32768)
    pause = b"".join(noise.randint(-peak, peak).to_bytes(2, "little", signed=True) for _ in range(count))
    path = str(Path(directory) / f"{index:05d}.wav")
    with wave.open(path, "wb") as target:
        target.setparams(params)
        target.writeframes(pause + frames)
    return path


def padded(file, directory, index, pause):
    """A 16 kHz 16-bit copy of `file` in `directory` with `pause` seconds of silence after it."""
    path = str(Path(directory) / f"{index:05d}-padded.wav")
    subprocess.run(["sox", "-D", "-R", file, "-r", "16000", "-c", "1", "-b", "16", path, "pad", "0", str(pause)], check=True)
    return path


def main():
    parser = streamcli.parser(__doc__)
    parser.add_argument("--sizes", default="160:160,160:0,160:40,160:80,160:320,80:80,80:160,320:160,320:320")
    parser.add_argument("--show", type=int, default=10)
    parser.add_argument("--lead", type=float, default=0)
    parser.add_argument("--lead-noise", type=float, default=0)
    parser.add_argument("--join", type=int, default=1)
    parser.add_argument("--pause", type=float, default=1.2)
    args = parser.parse_args()
    model = ["--model", args.model] if args.model else []

    entries = streamcli.manifest_entries(args.manifests)
    files = [entry["path"] for entry in entries]
    references = [entry["text"] for entry in entries]
    directory = tempfile.mkdtemp(prefix="agreement-")
    atexit.register(shutil.rmtree, directory, ignore_errors=True)
    if args.lead > 0:
        files = [with_lead(f, directory, i, args.lead, args.lead_noise) for i, f in enumerate(files)]
    if args.join > 1:
        files = [padded(f, directory, i, args.pause) for i, f in enumerate(files)]

    offline_run = subprocess.run(
        [args.earshot, "transcribe", "--json", "--threads", str(args.jobs), *model, *files],
        check=True, capture_output=True, text=True)
    offline = [json.loads(line)["text"] for line in offline_run.stdout.splitlines()]
    assert len(offline) == len(files), "transcribe skipped files"
    if args.join > 1:
        order = list(range(len(files)))
        random.Random(0).shuffle(order)
        groups = [order[i:i + args.join] for i in range(0, len(order), args.join)]
        join_text = lambda texts: [" ".join(t for t in (texts[i] for i in g) if t) for g in groups]
        offline, references = join_text(offline), join_text(references)
        streams = [str(Path(directory) / f"stream-{k:05d}.wav") for k in range(len(groups))]
        for stream_file, group in zip(streams, groups):
            subprocess.run(["sox", "-D", "-R", *(files[i] for i in group), stream_file], check=True)
        files = streams

    def stream(file, chunk, lookahead):
        events = streamcli.stream_events(args, file, "--chunk-ms", chunk, "--lookahead-ms", lookahead)
        return " ".join(e["text"] for e in events if e["type"] == "final")

    print(f"{len(files)} {'streams of %d clips' % args.join if args.join > 1 else 'clips'} from {', '.join(Path(m).name for m in args.manifests)}; "
          f"offline WER {100 * wer(offline, references):.2f} %\n")
    print("| chunk ms | look-ahead ms | agreement | WER offline | WER streamed | WER change |")
    print("|---:|---:|---:|---:|---:|---:|")
    first_differences = None
    with ThreadPoolExecutor(args.jobs) as pool:
        for size in args.sizes.split(","):
            chunk, lookahead = size.split(":")
            streamed = list(pool.map(lambda f: stream(f, chunk, lookahead), files))
            same = sum(s == o for s, o in zip(streamed, offline))
            w_off, w_str = wer(offline, references), wer(streamed, references)
            print(f"| {chunk} | {lookahead} | {100 * same / len(files):.1f} % ({same}/{len(files)}) "
                  f"| {100 * w_off:.2f} % | {100 * w_str:.2f} % | {100 * (w_str - w_off):+.2f} |", flush=True)
            if first_differences is None:
                first_differences = [(f, o, s) for f, o, s in zip(files, offline, streamed) if s != o]
    if first_differences:
        print(f"\nDiffering clips at {args.sizes.split(',')[0]} (first {args.show} of {len(first_differences)}):")
        for file, o, s in first_differences[: args.show]:
            print(f"  {file}: offline '{o}', streamed '{s}'")


if __name__ == "__main__":
    main()
