"""Shared helpers for the data scripts: JSON Lines manifests and 16-bit WAV I/O.

Manifests follow the NeMo convention: one JSON object per line with
`audio_filepath` (relative to the manifest's folder), `text` and `duration`
(seconds). Only the standard library and numpy are used.
"""
import json
import os
import re
import wave

import numpy as np

# FSDD file names: {digit}_{speaker}_{take}.wav, e.g. 7_jackson_32.wav.
FSDD_NAME = re.compile(r"^(\d)_([A-Za-z]+)_(\d+)\.wav$")


def wav_info(path):
    """Return (sample_rate, channels, frames) of a WAV file."""
    with wave.open(path, "rb") as w:
        return w.getframerate(), w.getnchannels(), w.getnframes()


def wav_duration(path):
    rate, _, frames = wav_info(path)
    return frames / float(rate)


def flac_duration(path):
    """Duration of a FLAC file from its STREAMINFO block (the first metadata block, always present)."""
    with open(path, "rb") as f:
        head = f.read(4 + 4 + 34)
    if head[:4] != b"fLaC" or head[4] & 0x7F != 0:
        raise ValueError("%s: not a FLAC file with STREAMINFO first" % path)
    info = int.from_bytes(head[8 + 10:8 + 18], "big")   # 20 bits rate, 3 channels, 5 bits/sample, 36 frames
    rate, frames = info >> 44, info & ((1 << 36) - 1)
    return frames / float(rate)


def audio_duration(path):
    """Duration of a WAV or FLAC file in seconds."""
    return flac_duration(path) if path.lower().endswith(".flac") else wav_duration(path)


def read_wav(path):
    """Read a 16-bit PCM WAV as float32 in [-1, 1), mixed down to mono. Returns (samples, rate)."""
    with wave.open(path, "rb") as w:
        if w.getsampwidth() != 2:
            raise ValueError("%s: only 16-bit PCM WAV is supported" % path)
        rate, ch, n = w.getframerate(), w.getnchannels(), w.getnframes()
        data = np.frombuffer(w.readframes(n), dtype="<i2").astype(np.float32) / 32768.0
    if ch > 1:
        data = data.reshape(-1, ch).mean(axis=1)
    return data, rate


def write_wav(path, samples, rate):
    """Write float samples in [-1, 1] as mono 16-bit PCM WAV, atomically (temp file + rename)."""
    pcm = np.clip(np.round(np.asarray(samples, dtype=np.float64) * 32768.0), -32768, 32767).astype("<i2")
    tmp = path + ".tmp"
    with wave.open(tmp, "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(rate)
        w.writeframes(pcm.tobytes())
    os.replace(tmp, path)


def manifest_entry(manifest_dir, audio_path, text, duration=None):
    """One manifest line as a dict; the audio path is made relative to the manifest's folder."""
    if duration is None:
        duration = audio_duration(audio_path)
    rel = os.path.relpath(os.path.abspath(audio_path), os.path.abspath(manifest_dir))
    return {"audio_filepath": rel, "text": text, "duration": round(duration, 4)}


def write_manifest(path, entries):
    """Write entries as JSON Lines, atomically."""
    os.makedirs(os.path.dirname(os.path.abspath(path)), exist_ok=True)
    tmp = path + ".tmp"
    with open(tmp, "w", encoding="utf-8") as f:
        for e in entries:
            f.write(json.dumps(e, ensure_ascii=False) + "\n")
    os.replace(tmp, path)


def read_manifest(path):
    """Read a manifest; each entry gets an extra key `path`: the audio path resolved against the manifest."""
    base = os.path.dirname(os.path.abspath(path))
    out = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.strip()
            if not line:
                continue
            e = json.loads(line)
            e["path"] = os.path.normpath(os.path.join(base, e["audio_filepath"]))
            out.append(e)
    return out
