#!/usr/bin/env python3
"""Endless speech for `earshot stream -`: raw signed 16-bit little-endian mono PCM on stdout,
made of the clips of a manifest in order (cycled) with a pause after each.

Usage:
  stream-generator.py MANIFEST [--seconds 7200] [--pause 1.5] [--noise 0.0005] [--layout FILE]
  e.g. stream-generator.py data-cache/manifests/connected-dev.jsonl --seconds 7200 |
       earshot stream - --rate 8000 --json

The clips must share one sample rate (the rate to pass as --rate). --noise adds faint white
noise (amplitude, in [-1, 1] units) everywhere, so the pauses are not digital silence (drawn
once per clip, so a long stream costs only its writes).
--layout writes one JSON line per clip placed: its text, stream offset in seconds and, when the
manifest has them, its word times moved to stream time. A reader that closes early ends the
generator quietly.
"""
import argparse
import array
import json
import random
import sys
import wave
from pathlib import Path


def clips(manifest):
    base = Path(manifest).parent
    with open(manifest) as lines:
        for line in lines:
            entry = json.loads(line)
            with wave.open(str(base / entry["audio_filepath"])) as w:
                assert w.getnchannels() == 1 and w.getsampwidth() == 2, "clips must be mono 16-bit"
                samples = array.array("h", w.readframes(w.getnframes()))
                yield entry, w.getframerate(), samples


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("manifest")
    parser.add_argument("--seconds", type=float, default=7200)
    parser.add_argument("--pause", type=float, default=1.5)
    parser.add_argument("--noise", type=float, default=0.0005)
    parser.add_argument("--layout")
    args = parser.parse_args()
    pool = list(clips(args.manifest))
    rate = pool[0][1]
    assert all(r == rate for _, r, _ in pool), "clips at different rates"
    noise = random.Random(1)
    pieces = []
    for entry, _, samples in pool:
        piece = array.array("h", samples) + array.array("h", bytes(2 * int(args.pause * rate)))
        for i in range(len(piece)):
            x = piece[i] + int(noise.uniform(-args.noise, args.noise) * 32768)
            piece[i] = max(-32768, min(32767, x))
        pieces.append((entry, piece))
    layout = open(args.layout, "w") if args.layout else None
    written, total, index = 0, int(args.seconds * rate), 0
    out = sys.stdout.buffer
    try:
        while written < total:
            entry, piece = pieces[index % len(pieces)]
            index += 1
            piece = piece[: total - written]
            if layout:
                offset = written / rate
                words = [dict(w, start=w["start"] + offset, end=w["end"] + offset) for w in entry.get("words", [])]
                layout.write(json.dumps({"text": entry["text"], "offset": offset, "words": words}) + "\n")
            out.write(piece.tobytes())
            written += len(piece)
        out.flush()
    except BrokenPipeError:
        sys.stderr.close()  # the reader left: stop without a traceback
    finally:
        if layout:
            layout.close()


if __name__ == "__main__":
    main()
