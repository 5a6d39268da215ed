#!/usr/bin/env python3
"""Running speech for training the filler `<other>`: the training part of the prose sentences
(prose.py), each read by a random training voice of espeak-ng or flite and labelled with one
`<other>` per word; in half of them (--with-words) one or two vocabulary words are said among the
prose words.

Usage (from the repository root):
  python3 Scripts/data/running-speech.py [--out data-cache] [--name running-speech-train] [--seed 1]
      [--with-words 0.5] [--split train|dev] [--sentences N]

--split dev reads the evaluation part of the prose in dev voices instead (as running-speech-dev):
with --with-words 1 it is a dev set of commands said inside sentences, without pauses.

The model otherwise hears other words one at a time, a few short phrases and reversed clips; in
running speech it reports the syllables of longer words as vocabulary words (cre-ATE, AL-one).
These clips show it whole sentences in which every word is the filler, or every word but a command
said inside them ("returns the stop value" is `<other> <other> stop <other>`). A vocabulary word
goes at a random place, and in half the sentences that have one, at the end: a model trained on
prose that always ends in the filler learns to drop an utterance's last word. Sentences whose espeak-ng
reading contains a vocabulary word's phonemes are left out, as in continuous-speech.py, and
no sentence of the evaluation part (the false-alarm recordings) is used. Training voices only
(tts.py), so synthetic dev figures stay on unseen voices.

Writes <out>/synth/running/<NAME>/*.wav (16 kHz) and <out>/manifests/<NAME>.jsonl. Existing clips
are kept. Needs espeak-ng, flite and sox.
"""
import argparse
import os
import random
import sys
from concurrent.futures import ThreadPoolExecutor

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from manifestio import manifest_entry, wav_duration, write_manifest  # noqa: E402
from prose import PhoneticCheck, sentences, words_of  # noqa: E402
import tts  # noqa: E402
from vocabulary import FILLER, WORDS  # noqa: E402

RATE = 16000


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--out", default="data-cache")
    ap.add_argument("--name", help="default: running-speech-SPLIT")
    ap.add_argument("--split", choices=("train", "dev"), default="train",
                    help="train: training prose, training voices; dev: evaluation prose, dev voices")
    ap.add_argument("--sentences", type=int, help="a random sample of this many sentences (default: all)")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--with-words", type=float, default=0.5, help="share of sentences with vocabulary words")
    args = ap.parse_args()
    args.name = args.name or "running-speech-" + args.split
    phonetic = PhoneticCheck()
    said = [s for s in sentences("train" if args.split == "train" else "eval") if not phonetic.clash(s)]
    rnd = random.Random(args.seed)
    if args.sentences is not None and args.sentences < len(said):
        said = rnd.sample(said, args.sentences)
    voices = tts.voices(args.split)
    folder = os.path.join(args.out, "synth", "running", args.name)
    plan = []
    labels = []
    for i, sentence in enumerate(said):
        engine, voice = voices[rnd.randrange(len(voices))]
        rate, pitch, gain = tts.random_params(rnd, engine, voice)
        spoken = words_of(sentence)
        label = [FILLER] * len(spoken)
        if rnd.random() < args.with_words:
            for _ in range(rnd.choice((1, 2))):
                at = len(spoken) if rnd.random() < 0.5 else rnd.randrange(len(spoken) + 1)
                word = rnd.choice(WORDS)
                spoken.insert(at, word)
                label.insert(at, word)
        text = " ".join(spoken) + "."
        path = os.path.join(folder, "%04d_%s_%s.wav" % (i, voice.replace("+", "-"), "-".join(
            w for w in label if w != FILLER) or "none"))
        plan.append((path, engine, voice, rate, pitch, gain, text))
        labels.append(" ".join(label))
    with ThreadPoolExecutor(args.jobs) as pool:
        list(pool.map(lambda p: tts.render(*p, RATE), plan))
    manifests = os.path.join(args.out, "manifests")
    entries = [manifest_entry(manifests, p[0], label, wav_duration(p[0])) for p, label in zip(plan, labels)]
    write_manifest(os.path.join(manifests, args.name + ".jsonl"), entries)
    print("%s.jsonl: %d sentences, %.1f minutes" % (args.name, len(entries), sum(e["duration"] for e in entries) / 60))


if __name__ == "__main__":
    main()
