"""Synthetic voices for the data scripts: espeak-ng and flite voice lists, split into training and
dev voices, and rendering of one text to a trimmed mono 16-bit WAV with sox.

Training and dev voices are disjoint (other espeak-ng accents and variants, and the flite voice
slt, are held out), so dev figures on synthetic clips measure unseen voices.
"""
import os
import subprocess

# espeak-ng English accents and voice variants; train and dev are disjoint in both.
TRAIN_BASES = ["en-us", "en-gb", "en-gb-x-rp", "en-gb-x-gbclan", "en-gb-x-gbcwmd", "en-029"]
DEV_BASES = ["en-gb-scotland", "en-us-nyc"]
TRAIN_VARIANTS = ["", "m1", "m2", "m3", "m4", "m5", "m6", "m8", "f1", "f2", "f3", "klatt", "klatt2",
                  "klatt3", "Andy", "Annie", "Alicia", "adam", "david", "ed", "edward", "john", "linda",
                  "max", "Michael", "paul", "robert", "steph"]
DEV_VARIANTS = ["m7", "f4", "f5", "klatt4", "klatt5", "Gene", "Lee", "Mike", "norbert", "quincy",
                "travis", "aunty"]
# flite voices (awb_time is a limited-domain voice and is not used); slt is held out.
TRAIN_FLITE = ["kal", "kal16", "awb", "rms"]
DEV_FLITE = ["slt"]
FLITE_F0 = {"kal": (85, 130), "kal16": (85, 130), "awb": (90, 140), "rms": (80, 125), "slt": (150, 230)}


def voices(split):
    """[(engine, voice)] of a split ("train" or "dev"): espeak-ng voices, then flite voices."""
    bases, variants, flite = (TRAIN_BASES, TRAIN_VARIANTS, TRAIN_FLITE) if split == "train" else \
                             (DEV_BASES, DEV_VARIANTS, DEV_FLITE)
    espeak = [("espeak", b + ("+" + v if v else "")) for b in bases for v in variants]
    return espeak + [("flite", f) for f in flite]


def random_params(rnd, engine, voice):
    """(rate, pitch, peak gain in dBFS) drawn for one clip."""
    gain = -rnd.uniform(1.0, 10.0)
    if engine == "espeak":
        return rnd.randint(120, 210), rnd.randint(20, 80), gain    # words/min, pitch 0-99
    lo, hi = FLITE_F0[voice]
    return round(rnd.uniform(0.8, 1.35), 3), rnd.randint(lo, hi), gain  # duration_stretch, f0 mean Hz


def render(path, engine, voice, rate, pitch, gain, text, sample_rate):
    """Speak `text` into `path` (mono 16-bit WAV at `sample_rate`), trimmed of leading and trailing
    digital silence and set to the peak level `gain`; skipped when `path` already exists."""
    if os.path.exists(path) and os.path.getsize(path) > 0:
        return
    os.makedirs(os.path.dirname(path), exist_ok=True)
    raw, part = path[:-4] + ".raw.wav", path[:-4] + ".part.wav"
    if engine == "espeak":
        cmd = ["espeak-ng", "-v", voice, "-s", str(rate), "-p", str(pitch), "-w", raw, text]
    else:
        cmd = ["flite", "-voice", voice, "--setf", "duration_stretch=%s" % rate,
               "--setf", "int_f0_target_mean=%s" % pitch, "-t", text, "-o", raw]
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    # Headroom for resampling, normalise, trim edges below -60 dBFS (synthetic edges are digital
    # silence; a higher threshold eats weak fricatives such as the /f/ of "off"), set the peak level.
    subprocess.run(["sox", "-V1", raw, "-b", "16", "-D", part, "gain", "-3", "rate", str(sample_rate),
                    "channels", "1", "gain", "-n", "-1", "silence", "1", "0.01", "0.1%", "reverse",
                    "silence", "1", "0.01", "0.1%", "reverse", "gain", "-n", "%.2f" % gain], check=True)
    os.remove(raw)
    os.replace(part, path)
