#!/usr/bin/env python3
"""Synthesize speech outside the vocabulary: single English words, and short phrases that mix
such words with vocabulary words, in espeak-ng and flite voices (16 kHz mono 16-bit WAV).

Usage (from the repository root):
  python3 Scripts/data/synthesize-other-words.py [--out data-cache] [--seed 1] [--jobs 2]

Writes:
  <out>/synth/other/<split>/*.wav
  <out>/manifests/synth-other-train.jsonl     other words labelled FILLER (`<other>`), and phrases
                                              such as "<other> stop" (a command inside other speech)
  <out>/manifests/synth-other-dev.jsonl       other words in held-out voices, labelled FILLER too
                                              (eval drops FILLER: nothing should be reported)
Training and dev use disjoint voices (tts.py) and disjoint words, so dev measures rejection of
words and voices never trained on. No word sounds like a vocabulary word (the list leaves out
homophones such as "for", "to", "won", "ate", "know" and near-rhymes such as "tree", "dog").
Deterministic for a --seed; existing clips are skipped. Needs espeak-ng, flite and sox.
"""
import argparse
import os
import random
import shutil
import sys
from concurrent.futures import ThreadPoolExecutor

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import tts  # noqa: E402
from manifestio import manifest_entry, write_manifest  # noqa: E402
from vocabulary import FILLER, WORDS  # noqa: E402

# Common English words, none a vocabulary word, a homophone of one, or a near rhyme of one.
OTHER_WORDS = """
about above across action after again against age air almost alone along already also always
among animal answer apple area around art ask away baby back bad ball bank base basket beach
bear beautiful because become been before began begin behind believe below best better between
big bird black blue boat body book bottle box boy bread break bring brother brown build
building busy buy call came camera can car card care carry case cat catch center chair change
cheap child children city class clean clear clock close cloud coffee cold color come common
company complete computer cook cool corner could country course cover cross cup cut dance dark
daughter day dear deep desk dinner doctor does dollar door dream dress drink drive during early
earth easy eat edge egg else empty end enough even evening every example eye face fact fall
family far farm fast father feel field fill film find fine finger finish fire first fish floor
flower fly follow food foot forest forget forward free fresh friend from front fruit full game
garden gave girl give glass gold good great green ground group grow had hair half hand happen
happy hard has hat have head hear heart heavy hello help here high hill history hold holiday home
hope horse hospital hot hour house how hundred idea important inside island its job join just
keep key kind kitchen knew lake language large last late laugh learn leaf leave less letter
light like line lion list listen little live long look lose loud love low lunch machine made
make man many map market marvin matter maybe meet member middle might milk mind minute miss
money month moon more morning most mother mountain mouth move much music name near need never
news next nice night north note nothing now number ocean office often old open orange order
other outside page paint paper parent park part party pass past pay pencil people perhaps
person picture piece place plan plant play please pocket point police poor possible pretty
problem pull push put question quick quiet rain read ready real red remember rest rich river
road rock room round rule run sad safe said same sand save say school sea season second see
sell send sentence shape share sheila ship shirt shoe short should show side sign simple since
sing sister sit size sky sleep slow small smile snow soft some song soon sound south space speak
special spring square star start station still story street strong student study such sugar
summer sun sure table take talk teacher team tell than thank that the their them then there
these they thing think this those thought through time today together told tomorrow took
town toy train travel under until usual valley very village visit visual voice wait walk wall
want warm wash watch water way we wear weather week welcome well went were west what wheel
when where which while white who whole why wide wife will wind window winter wish with without
woman wonder wood word work world would year yellow young
""".split()


def plan(rnd):
    """[(split, path stem, engine, voice, rate, pitch, gain, spoken text, label)] of every clip."""
    words = sorted(set(OTHER_WORDS) - set(WORDS))
    rnd.shuffle(words)
    dev_words, train_words = words[:60], words[60:]
    rows = []
    for split, pool, per_word in (("train", train_words, 3), ("dev", dev_words, 3)):
        voices = tts.voices(split)
        for word in pool:
            for engine, voice in rnd.sample(voices, per_word):
                rows.append((split, "%s_%s" % (word, voice.replace("+", "-")), engine, voice, word, FILLER))
    # Phrases: a vocabulary word inside other speech ("please stop now"), so a model learns to pick
    # a command out of running speech; and runs of two or three other words.
    voices = tts.voices("train")
    for i in range(400):
        others = [rnd.choice(train_words) for _ in range(rnd.randint(1, 3))]
        if i % 4 != 3:
            command = rnd.choice(WORDS)
            at = rnd.randint(0, len(others))
            spoken = others[:at] + [command] + others[at:]
            label = [FILLER] * (at > 0) + [command] + [FILLER] * (at < len(others))
        else:
            spoken, label = others, [FILLER]
        engine, voice = rnd.choice(voices)
        rows.append(("train", "phrase_%04d" % i, engine, voice, " ".join(spoken), " ".join(label)))
    out = []
    for split, stem, engine, voice, text, label in rows:
        rate, pitch, gain = tts.random_params(rnd, engine, voice)
        out.append((split, stem, engine, voice, rate, pitch, gain, text, label))
    return out


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--out", default="data-cache")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--jobs", type=int, default=2)
    args = ap.parse_args()
    for tool in ("espeak-ng", "flite", "sox"):
        if shutil.which(tool) is None:
            sys.exit("error: %s not found (Scripts/install-deps.sh --data-tools installs it)" % tool)
    rows = plan(random.Random(args.seed))
    folder = os.path.join(args.out, "synth", "other")
    path = lambda split, stem: os.path.join(folder, split, stem + ".wav")
    with ThreadPoolExecutor(args.jobs) as pool:
        list(pool.map(lambda r: tts.render(path(r[0], r[1]), *r[2:8], sample_rate=16000), rows))
    manifests = os.path.join(args.out, "manifests")
    for split in ("train", "dev"):
        entries = [manifest_entry(manifests, path(s, stem), label)
                   for s, stem, *_, label in rows if s == split and os.path.getsize(path(s, stem)) > 1000]
        write_manifest(os.path.join(manifests, "synth-other-%s.jsonl" % split), entries)
        print("synth-other-%s.jsonl: %d clips" % (split, len(entries)))


if __name__ == "__main__":
    main()
