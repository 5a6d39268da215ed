#!/usr/bin/env python3
"""Make a long recording of continuous English speech that contains no vocabulary word, to
count false alarms (`false-alarms.py`); optionally with real command clips inserted, to count
how many commands are still found inside running speech.

Usage (from the repository root):
    python3 Scripts/evaluation/continuous-speech.py --out OUT [--minutes 60] [--seed 1]
        [--noise white|pink|FILE --snr 20]
        [--insert-commands MANIFEST --every 30]

Writes OUT/continuous.wav (16 kHz, mono, 16-bit) and OUT/continuous.json, the sidecar: every
sentence with its start/end (seconds), text, engine (espeak-ng or flite), voice and rate; with
--insert-commands, every inserted clip with its start/end, word and source; and the options,
the seed and the Python version the text came from.

Text. Sentences of prose from the docstrings of the Python standard library this script runs
under and from its help topics (pydoc_data; read with `ast`, nothing is imported), in source
order, deduplicated, then shuffled by --seed; only the evaluation part of them (Scripts/data/prose.py
splits the sentences by a hash of their text; the training part is read for training by
Scripts/data/running-speech.py, so no sentence said here was trained on). A sentence is kept only
if it is plain words: 5-30 words, capitalised, ending in a full stop, letters, spaces, commas, apostrophes and hyphens only (no digits, which a synthesizer
would read as numbers; no abbreviations, acronyms, code names or single letters but "a"/"I",
which it would spell out). A sentence is dropped (not edited, so what is said stays natural
English) when any word
  * is a vocabulary word, a homophone or near-homophone of one, or an inflection of those
    (FORBIDDEN below: to, too, for, fore, won, ate, oh, know, write, of, ...);
  * contains a vocabulary word of four or more letters or a listed homophone anywhere
    (download, copyright, weight, before, unknown, nonstop, ...);
  * begins or ends with a three-letter vocabulary word or homophone (someone, none, often,
    offset, format, twofold, ...), or with "up"/"go"/"no" as listed compounds (upon, setup, ago);
  * or, read by espeak-ng (en-us and en-gb), gives a word whose phonemes equal a vocabulary
    word's (a homophone the lists missed).
So the recording is speech *outside* the vocabulary, and everything the recognizer reports in
it is a false alarm. Sound-alike syllables inside longer words (cre-ATE, AL-one) are kept on
purpose: they are what real speech sounds like.

Voices. Each sentence is read by espeak-ng (en-us, en-gb, en-gb-scotland, en-gb-x-rp, en-029,
en-gb-x-gbclan, each with a random male/female variant, 140-185 words a minute, random pitch)
or flite (kal, kal16, awb, rms, slt; duration stretch 0.85-1.2), resampled to 16 kHz by sox,
trimmed of leading/trailing silence and scaled to an active-speech RMS drawn from -26..-20 dBFS.
Sentences are separated by pauses drawn from 0.2-1.5 s (--pause-min/--pause-max). About 1,000
evaluation sentences (some 57 minutes of speech) pass the filters under Python 3.11; a
longer recording goes round them again in a new order with new voices.

Noise (optional). --noise white or pink (generated) or a recording (any format sox reads,
looped from a random offset) is added over the whole recording, pauses included, at a fixed
level --snr dB below the mean speech level (-23 dBFS active RMS).

Inserted commands (optional). --insert-commands MANIFEST takes the clips whose text is one
vocabulary word (e.g. Speech Commands test clips); after each sentence, once at least the
current gap has passed since the previous insertion, the next clip (in a seeded random order,
each clip once before any repeats) is inserted
whole, with the usual pause on each side, scaled like a sentence. Gaps are drawn from
0.5-1.5 x --every seconds. The sidecar's "commands" give the clip's start/end in the
recording, the word, the speech part of the clip (speech_start/speech_end, by energy) and
its audio_filepath as written in the manifest.

Deterministic for a given --seed, Python version and espeak-ng/flite versions.
"""
import argparse
import json
import os
import platform
import subprocess
import sys
import tempfile
import wave

import numpy as np

sys.dont_write_bytecode = True  # keep __pycache__ out of the source tree
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "data"))
from manifestio import read_manifest  # noqa: E402
from prose import PhoneticCheck, sentences as prose_sentences, words_of  # noqa: E402
from vocabulary import WORDS  # noqa: E402

RATE = 16000

ESPEAK_VOICES = ["en-us", "en-gb", "en-gb-scotland", "en-gb-x-rp", "en-029", "en-gb-x-gbclan"]
ESPEAK_VARIANTS = ["", "+m1", "+m2", "+m3", "+m4", "+m7", "+f1", "+f2", "+f3", "+f4"]
FLITE_VOICES = ["kal", "kal16", "awb", "rms", "slt"]


def decode(path, rate=RATE):
    """Audio as float32 mono at `rate`, through sox (reads WAV, FLAC, ...); no dither, so repeatable."""
    out = subprocess.run(["sox", "-D", "-R", path, "-t", "raw", "-e", "signed", "-b", "16", "-c", "1",
                          "-r", str(rate), "-"], capture_output=True, check=True).stdout
    return np.frombuffer(out, dtype="<i2").astype(np.float32) / 32768.0


def frame_db(x, frame=160):
    n = len(x) // frame
    if n == 0:
        return np.array([-120.0])
    e = (x[: n * frame].reshape(n, frame) ** 2).mean(axis=1)
    return 10 * np.log10(e + 1e-12)


def speech_span(x, floor_db=30.0, frame=160):
    """(first, last) sample of the part within floor_db of the loudest 10 ms frame."""
    db = frame_db(x, frame)
    active = np.nonzero(db > db.max() - floor_db)[0]
    if len(active) == 0:
        return 0, len(x)
    return int(active[0] * frame), int(min(len(x), (active[-1] + 1) * frame))


def active_rms(x, frame=160):
    db = frame_db(x, frame)
    keep = db > db.max() - 30.0
    return float(np.sqrt(np.mean(10 ** (db[keep] / 10)))) if keep.any() else 1e-6


def level(x, target_db):
    return x * (10 ** (target_db / 20) / max(active_rms(x), 1e-6))


def fade(x, ms=5):
    n = min(len(x) // 2, int(RATE * ms / 1000))
    if n > 0:
        ramp = np.linspace(0.0, 1.0, n, dtype=np.float32)
        x = x.copy()
        x[:n] *= ramp
        x[-n:] *= ramp[::-1]
    return x


def synthesize(sentence, rng, tmp):
    """Read one sentence with a random engine and voice; returns (samples, description)."""
    wav = os.path.join(tmp, "s.wav")
    if rng.random() < 0.5:
        voice = ESPEAK_VOICES[rng.integers(len(ESPEAK_VOICES))] + ESPEAK_VARIANTS[rng.integers(len(ESPEAK_VARIANTS))]
        speed, pitch = int(rng.integers(140, 186)), int(rng.integers(25, 76))
        subprocess.run(["espeak-ng", "-v", voice, "-s", str(speed), "-p", str(pitch), "-w", wav, sentence],
                       check=True, capture_output=True)
        info = {"engine": "espeak-ng", "voice": voice, "rate_wpm": speed, "pitch": pitch}
    else:
        voice = FLITE_VOICES[rng.integers(len(FLITE_VOICES))]
        stretch = round(float(rng.uniform(0.85, 1.2)), 2)
        subprocess.run(["flite", "-voice", voice, "--setf", "duration_stretch=%g" % stretch, "-t", sentence,
                        "-o", wav], check=True, capture_output=True)
        info = {"engine": "flite", "voice": voice, "duration_stretch": stretch}
    x = decode(wav)
    a, b = speech_span(x)
    return fade(x[a:b]), info


class Noise:
    """A continuous noise source, taken in pieces: white, pink, or a looped recording."""

    def __init__(self, kind, rng, rms):
        self.rng, self.rms, self.kind = rng, rms, kind
        self.buf = np.zeros(0, dtype=np.float32)
        if kind not in ("white", "pink"):
            self.loop = decode(kind)
            if len(self.loop) == 0:
                raise SystemExit("noise file %s is empty" % kind)
            self.loop = self.loop / max(float(np.sqrt(np.mean(self.loop ** 2))), 1e-9)
            self.pos = int(rng.integers(len(self.loop)))

    def _block(self, n=RATE * 30):
        if self.kind == "white":
            return self.rng.standard_normal(n).astype(np.float32)
        if self.kind == "pink":
            spec = np.fft.rfft(self.rng.standard_normal(n))
            f = np.arange(len(spec), dtype=np.float64)
            f[0] = 1.0
            spec /= np.sqrt(f)
            spec[0] = 0
            y = np.fft.irfft(spec, n)
            return (y / np.sqrt(np.mean(y ** 2))).astype(np.float32)
        idx = (self.pos + np.arange(n)) % len(self.loop)
        self.pos = int((self.pos + n) % len(self.loop))
        return self.loop[idx].astype(np.float32)

    def take(self, n):
        while len(self.buf) < n:
            self.buf = np.concatenate([self.buf, self._block()])
        out, self.buf = self.buf[:n], self.buf[n:]
        return out * self.rms


def command_clips(manifest):
    vocab = set(WORDS)
    clips = [e for e in read_manifest(manifest) if len(e["text"].split()) == 1 and e["text"] in vocab]
    if not clips:
        raise SystemExit("%s has no single-word vocabulary clips" % manifest)
    return clips


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out", required=True, help="output folder (continuous.wav, continuous.json)")
    ap.add_argument("--minutes", type=float, default=60.0, help="total duration (default 60)")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--pause-min", type=float, default=0.2)
    ap.add_argument("--pause-max", type=float, default=1.5)
    ap.add_argument("--noise", help="white, pink, or a noise recording to loop")
    ap.add_argument("--snr", type=float, default=20.0, help="dB below the mean speech level (default 20)")
    ap.add_argument("--insert-commands", metavar="MANIFEST", help="insert single-word clips of this manifest")
    ap.add_argument("--every", type=float, default=30.0, help="mean seconds between inserted commands")
    args = ap.parse_args()

    rng = np.random.default_rng(args.seed)
    sentences = prose_sentences("eval")
    order = rng.permutation(len(sentences))
    print("%d plain evaluation sentences with no vocabulary word in the standard library's docstrings and help topics"
          % len(sentences), file=sys.stderr)
    clips = command_clips(args.insert_commands) if args.insert_commands else None
    phonetic = PhoneticCheck()
    target = args.minutes * 60.0
    speech_db_range = (-26.0, -20.0)
    noise = None
    if args.noise:
        noise = Noise(args.noise, np.random.default_rng(args.seed + 1000),
                      10 ** ((sum(speech_db_range) / 2 - args.snr) / 20))

    os.makedirs(args.out, exist_ok=True)
    wav_path = os.path.join(args.out, "continuous.wav")
    tmp_wav = wav_path + ".tmp"
    segments, commands, rejected = [], [], []
    written = 0
    clip_order = []
    next_command = args.every * rng.uniform(0.5, 1.5) if clips else None

    def emit(w, x):
        nonlocal written
        if noise is not None:
            x = x + noise.take(len(x))
        w.writeframes(np.clip(np.round(x * 32768.0), -32768, 32767).astype("<i2").tobytes())
        written += len(x)

    def pause(w):
        emit(w, np.zeros(int(round(rng.uniform(args.pause_min, args.pause_max) * RATE)), dtype=np.float32))

    with tempfile.TemporaryDirectory() as tmp, wave.open(tmp_wav, "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(RATE)
        pause(w)
        k = 0
        while written / RATE < target:
            if k == len(order):  # every sentence said once: go round again, new voices
                order = np.concatenate([order, rng.permutation(len(sentences))])
            sentence = sentences[order[k]]
            k += 1
            clash = phonetic.clash(sentence)
            if clash:
                rejected.append({"text": sentence, "phonemes": clash})
                continue
            x, info = synthesize(sentence, rng, tmp)
            x = level(x, rng.uniform(*speech_db_range))
            start = written / RATE
            emit(w, x)
            segments.append(dict(kind="speech", start=round(start, 3), end=round(written / RATE, 3),
                                 text=sentence, **info))
            pause(w)
            if clips and written / RATE >= next_command:
                if not clip_order:  # each clip once before any repeats
                    clip_order = list(rng.permutation(len(clips)))
                e = clips[clip_order.pop()]
                y = decode(e["path"])
                a, b = speech_span(y)
                y = fade(level(y, rng.uniform(*speech_db_range)), 10)
                start = written / RATE
                emit(w, y)
                commands.append(dict(start=round(start, 3), end=round(written / RATE, 3), word=e["text"],
                                     speech_start=round(start + a / RATE, 3), speech_end=round(start + b / RATE, 3),
                                     audio_filepath=e["audio_filepath"]))
                segments.append(dict(kind="command", start=commands[-1]["start"], end=commands[-1]["end"],
                                     text=e["text"]))
                pause(w)
                next_command = written / RATE + args.every * rng.uniform(0.5, 1.5)
    os.replace(tmp_wav, wav_path)

    said = [s for s in segments if s["kind"] == "speech"]
    sidecar = {
        "audio": "continuous.wav",
        "sample_rate": RATE,
        "duration": round(written / RATE, 3),
        "speech_seconds": round(sum(s["end"] - s["start"] for s in said), 3),
        "sentences": len(said),
        "words": sum(len(words_of(s["text"])) for s in said),
        "seed": args.seed,
        "options": {k: v for k, v in vars(args).items() if k not in ("out", "insert_commands", "noise")},
        "noise": None if not args.noise else (args.noise if args.noise in ("white", "pink") else os.path.basename(args.noise)),
        "commands_manifest": os.path.basename(args.insert_commands) if args.insert_commands else None,
        "text_source": "docstrings and help topics of the Python %s standard library" % platform.python_version(),
        "vocabulary": WORDS,
        "sentences_available": len(sentences),
        "rejected_by_phonemes": rejected,
        "segments": segments,
        "commands": commands,
    }
    tmp_json = os.path.join(args.out, "continuous.json.tmp")
    with open(tmp_json, "w", encoding="utf-8") as f:
        json.dump(sidecar, f, indent=1)
    os.replace(tmp_json, os.path.join(args.out, "continuous.json"))
    print("%s: %.1f min, %d sentences, %d words%s" % (
        wav_path, written / RATE / 60, len(said), sidecar["words"],
        ", %d commands inserted" % len(commands) if clips else ""), file=sys.stderr)


if __name__ == "__main__":
    main()
