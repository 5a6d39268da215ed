"""The prose that synthetic running speech is made of: plain English sentences from the Python
standard library's docstrings and help topics, with no vocabulary word, homophone or sound-alike
in them (see continuous-speech.py for the rules), split for good into an evaluation part and a
training part.

The split is by a hash of the sentence's text (`part`), so it does not depend on the order, the
seed or the Python version: about 40 % of the sentences are "train" (running-speech.py reads them
as `<other>` training clips) and the rest "eval" (continuous-speech.py reads them for the false
alarm recordings). No sentence is in both.
"""
import ast
import hashlib
import os
import re
import subprocess
import sysconfig
import textwrap

from vocabulary import WORDS

# Whole words that are, or sound like, a vocabulary word (with their common inflections).
FORBIDDEN = set(WORDS) | {
    # zero
    "oh", "o", "owe", "owes", "zeros", "zeroes", "zeroed", "nil", "nought", "naught",
    # one
    "won", "ones", "once", "none", "someone", "anyone", "everyone", "noone", "oneself",
    # two
    "to", "too", "tu", "twos", "into", "onto", "unto", "today", "tonight", "tomorrow",
    "together", "toward", "towards",
    # three
    "tree", "trees", "threes", "thirty", "thirteen", "third",
    # four
    "for", "fore", "fours", "forth", "fourth", "forty", "fourteen", "before", "therefore",
    "wherefore", "far",
    # five, six, seven, eight, nine
    "fives", "fifth", "fifty", "fifteen", "sixes", "sixth", "sixty", "sixteen", "sevens",
    "seventh", "ate", "eights", "eighth", "eighty", "eighteen", "nines", "ninth", "ninety",
    "nineteen", "nein",
    # yes, no
    "yeah", "yep", "yea", "yess", "know", "knows", "known", "knowing", "nope", "nobody",
    "nowhere", "noh",
    # up, down
    "ups", "upon", "upper", "uppercase", "upward", "upwards", "setup", "lookup", "cleanup",
    "backup", "startup", "popup", "pickup", "signup", "downs",
    # left, right
    "lefts", "write", "writes", "rite", "rites", "wright", "rights", "righted", "alright",
    "upright", "outright",
    # on, off
    "of", "thereof", "whereof", "hereof", "offs", "often", "ons", "online", "onward",
    "onwards", "ongoing", "onset",
    # stop, go
    "stops", "stopped", "stopping", "goes", "going", "gone", "goer", "ago", "goto", "algo",
    # numbers in general
    "ten", "tens", "eleven", "twelve", "twenty", "hundred", "thousand", "million", "billion",
    "zillion", "dozen",
}
# Vocabulary words (and homophones) of four or more letters: forbidden anywhere inside a word.
INSIDE = ["zero", "three", "four", "five", "seven", "eight", "nine", "down", "left", "right",
          "stop", "know", "write", "fore"]
# Three-letter ones: forbidden at the start or the end of a word.
EDGES = ["one", "two", "six", "yes", "off", "for", "won", "too"]

STDLIB_SKIP = {"test", "tests", "idlelib", "site-packages", "dist-packages", "lib2to3",
               "__pycache__", "turtledemo", "ensurepip"}
CODE = re.compile(r">>>|\.\.\.|::|==|\(\)|\bdef\b|\breturn\b\s*[^A-Za-z\s]")
SENTENCE_SPLIT = re.compile(r"(?<=[.!?])\s+(?=[A-Z])")
GOOD_SENTENCE = re.compile(r"^[A-Z][A-Za-z ,'\-]*[a-z]\.$")


def forbidden_word(w):
    """True when the lower-case word w is, sounds like, or contains a vocabulary word."""
    if w in FORBIDDEN:
        return True
    if any(v in w for v in INSIDE):
        return True
    return any(w.startswith(v) or w.endswith(v) for v in EDGES)


def stdlib_docstrings():
    """Docstrings of the standard library's modules, classes and functions, in a fixed order."""
    root = sysconfig.get_paths()["stdlib"]
    for folder, dirs, files in os.walk(root):
        dirs[:] = sorted(d for d in dirs if d not in STDLIB_SKIP and not d.startswith("config-"))
        for name in sorted(files):
            if not name.endswith(".py"):
                continue
            try:
                with open(os.path.join(folder, name), encoding="utf-8") as f:
                    tree = ast.parse(f.read())
            except (SyntaxError, UnicodeDecodeError, ValueError):
                continue
            for node in ast.walk(tree):
                if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)):
                    doc = ast.get_docstring(node)
                    if doc:
                        yield doc
    # The Python reference's topic texts that `help()` shows: more prose of the same kind.
    try:
        with open(os.path.join(root, "pydoc_data", "topics.py"), encoding="utf-8") as f:
            tree = ast.parse(f.read())
    except (OSError, SyntaxError):
        return
    for node in ast.walk(tree):
        if isinstance(node, ast.Dict):
            for value in node.values:
                if isinstance(value, ast.Constant) and isinstance(value.value, str):
                    yield value.value


def words_of(sentence):
    return [w.lower() for w in re.split(r"[ ,\-]+", sentence.rstrip(".")) if w]


def plain_sentence(s):
    """The sentence's words if it is plain prose a synthesizer reads as written, else None."""
    if not GOOD_SENTENCE.match(s) or "--" in s or "''" in s:
        return None
    raw = [w for w in re.split(r"[ ,\-]+", s.rstrip(".")) if w]
    if not 5 <= len(raw) <= 30:
        return None
    for w in raw:
        if w.startswith("'") or w.endswith("'") or w.count("'") > 1:
            return None  # quoted names
        if sum(c.isupper() for c in w) > 1:
            return None  # CamelCase, acronyms
        if len(w) == 1 and w not in ("a", "A", "I"):
            return None  # single letters are spelled out
    return [w.lower() for w in raw]


def candidate_sentences():
    """Plain sentences with no forbidden word, deduplicated, in source order."""
    seen, out = set(), []
    for doc in stdlib_docstrings():
        for para in re.split(r"\n\s*\n", doc):
            lines = textwrap.dedent(para).strip("\n").split("\n")
            if any(line.startswith((" ", "\t")) for line in lines) or CODE.search(para):
                continue
            text = " ".join(line.strip() for line in lines)
            for s in SENTENCE_SPLIT.split(text):
                s = s.strip()
                words = plain_sentence(s)
                if words is None or any(forbidden_word(w) for w in words) or s in seen:
                    continue
                seen.add(s)
                out.append(s)
    return out


STRESS = re.compile(r"[',%=_:\-]|r-")


def espeak_phonemes(text, voice):
    out = subprocess.run(["espeak-ng", "-q", "-x", "-v", voice, text], capture_output=True,
                         text=True, check=True).stdout
    return [STRESS.sub("", p) for p in out.split()]


class PhoneticCheck:
    """Rejects sentences in which espeak-ng pronounces a word exactly like a vocabulary word."""

    VOICES = ("en-us", "en-gb")

    def __init__(self):
        self.vocab = {v: {p for w in WORDS for p in espeak_phonemes(w + ".", v)} for v in self.VOICES}

    def clash(self, sentence):
        for v in self.VOICES:
            hits = [p for p in espeak_phonemes(sentence, v) if p in self.vocab[v]]
            if hits:
                return hits[0]
        return None


def part(sentence):
    """"train" for about 40 % of sentences, "eval" for the rest, by a hash of the text."""
    return "train" if hashlib.sha1(sentence.encode("utf-8")).digest()[0] < 102 else "eval"


def sentences(which):
    """The plain sentences of one part ("train" or "eval"), in source order."""
    return [s for s in candidate_sentences() if part(s) == which]
