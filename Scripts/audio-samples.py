#!/usr/bin/env python3
"""The parts of make-audio-samples.sh that are not sox or espeak-ng.

Usage:
  python3 Scripts/audio-samples.py noise audio-samples/quiet-noise_8k.wav
      one second of near-silence: seeded white noise at about -66 dBFS RMS, 8 kHz mono 16-bit
  python3 Scripts/audio-samples.py manifest audio-samples
      audio-samples/manifest.jsonl: every clip with its expected transcript and duration
"""
import argparse
import os
import sys

import numpy as np

sys.dont_write_bytecode = True  # keep __pycache__ out of the source tree
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "data"))
from manifestio import manifest_entry, write_manifest, write_wav  # noqa: E402

# (file, transcript): the quiet noise should give nothing.
CLIPS = [("7_jackson_5.wav", "seven"), ("3_lucas_5.wav", "three"), ("9_yweweler_8.wav", "nine"),
         ("three-one-four_16k.wav", "three one four"), ("yes-stop-go_16k.wav", "yes stop go"),
         ("4_george_7_44k_stereo.flac", "four"), ("quiet-noise_8k.wav", "")]


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("what", choices=["noise", "manifest"])
    ap.add_argument("path", help="the WAV file (noise) or the samples folder (manifest)")
    args = ap.parse_args()
    if args.what == "noise":
        # int16 values, written as floats that write_wav scales back exactly
        write_wav(args.path, np.random.default_rng(7).normal(0.0, 16.0, 8000).round() / 32768.0, 8000)
    else:
        write_manifest(os.path.join(args.path, "manifest.jsonl"),
                       [manifest_entry(args.path, os.path.join(args.path, name), text) for name, text in CLIPS])


if __name__ == "__main__":
    main()
