#!/usr/bin/env python3
"""Writes the fuzzers' seed corpora from the repository's own files, into OUT/<FuzzTarget>/.

Nothing large is copied: audio seeds are the first frames of the sample WAVs rewritten in many
encodings, rates and channel counts; the model seed is a tiny network with the bundled model's
config (hidden size 2, one layer). Standard library only. Usage: make-seeds.py OUT
"""
import json
import math
import os
import random
import struct
import sys
import wave

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
OUT = sys.argv[1]
rng = random.Random(1)


def save(target, name, data):
    os.makedirs(os.path.join(OUT, target), exist_ok=True)
    with open(os.path.join(OUT, target, name), "wb") as f:
        f.write(data)


def first_frames(path, count):
    """The first `count` frames of a 16-bit mono WAV as integers."""
    with wave.open(path) as w:
        raw = w.readframes(count)
    return list(struct.unpack("<%dh" % (len(raw) // 2), raw))


def riff(fmt_tag, channels, rate, bits, payload):
    block = channels * bits // 8
    fmt = struct.pack("<HHIIHH", fmt_tag, channels, rate, rate * block, block, bits)
    body = b"WAVE" + b"fmt " + struct.pack("<I", len(fmt)) + fmt + b"data" + struct.pack("<I", len(payload)) + payload
    return b"RIFF" + struct.pack("<I", len(body)) + body


def wav_seeds(samples):
    """(name, file bytes) in the encodings libsndfile reads from a WAV."""
    n = len(samples)
    yield "pcm16-8k", riff(1, 1, 8000, 16, struct.pack("<%dh" % n, *samples))
    yield "pcm8-8k", riff(1, 1, 8000, 8, bytes((s >> 8) + 128 for s in samples))
    yield "pcm24-16k", riff(1, 1, 16000, 24, b"".join(struct.pack("<i", s << 8)[:3] for s in samples))
    yield "pcm32-44k", riff(1, 1, 44100, 32, struct.pack("<%di" % n, *(s << 16 for s in samples)))
    floats = [s / 32768 for s in samples]
    yield "float-8k", riff(3, 1, 8000, 32, struct.pack("<%df" % n, *floats))
    yield "float-nan-inf", riff(3, 1, 8000, 32, struct.pack("<%df" % n, *(floats[:-3] + [math.nan, math.inf, -math.inf])))
    yield "double-48k", riff(3, 1, 48000, 64, struct.pack("<%dd" % n, *floats))
    half = samples[: n - n % 2]
    yield "stereo-22k", riff(1, 2, 22050, 16, struct.pack("<%dh" % len(half), *half))
    third = samples[: n - n % 3]
    yield "three-channels-11k", riff(1, 3, 11025, 16, struct.pack("<%dh" % len(third), *third))
    yield "rate-1000", riff(1, 1, 1000, 16, struct.pack("<%dh" % n, *samples))
    yield "rate-384000", riff(1, 1, 384000, 16, struct.pack("<%dh" % n, *samples))
    yield "odd-data-length", riff(1, 1, 8000, 16, struct.pack("<%dh" % n, *samples) + b"\x01")


def sound_file_seeds():
    samples = first_frames(os.path.join(ROOT, "audio-samples", "7_jackson_5.wav"), 1500)
    for name, data in wav_seeds(samples):
        # first byte: the output rate; second: the chunk size
        save("FuzzSoundFile", name + ".wav", bytes([0, 3]) + data)
    for name in ("4_george_7_44k_stereo.flac",):
        with open(os.path.join(ROOT, "audio-samples", name), "rb") as f:
            save("FuzzSoundFile", name, bytes([1, 7]) + f.read())


def raw_pcm_seeds():
    samples = first_frames(os.path.join(ROOT, "audio-samples", "3_lucas_5.wav"), 2000)
    pcm = struct.pack("<%dh" % len(samples), *samples)
    # bytes: input rate, output rate (indexes into the target's list), chunk size (16 bits), PCM
    save("FuzzRawPCM", "8k-to-8k", bytes([0, 0, 64, 1]) + pcm)
    save("FuzzRawPCM", "16k-to-8k-odd", bytes([2, 0, 7, 0]) + pcm[:1001])
    save("FuzzRawPCM", "44k-to-16k", bytes([4, 2, 0, 16]) + pcm)
    save("FuzzRawPCM", "1k-to-384k", bytes([6, 7, 255, 15]) + pcm[:64])


def streaming_seeds():
    samples = first_frames(os.path.join(ROOT, "audio-samples", "yes-stop-go_16k.wav"), 6000)[::2]
    data = b""
    for size in (1, 7, 160, 2560, 1, 0, 332):
        chunk, samples = samples[:size], samples[size:]
        data += struct.pack("<H", len(chunk)) + struct.pack("<%dh" % len(chunk), *chunk)
    save("FuzzStreaming", "speech-in-odd-chunks", data)
    save("FuzzStreaming", "silence", struct.pack("<H", 800) + bytes(1600))
    save("FuzzStreaming", "full-scale", struct.pack("<H", 400) + struct.pack("<h", 32767) * 200 + struct.pack("<h", -32768) * 200)


def model_seed():
    with open(os.path.join(ROOT, "Sources", "Earshot", "Resources", "default.safetensors"), "rb") as f:
        length = struct.unpack("<Q", f.read(8))[0]
        header = json.loads(f.read(length))
    config = json.loads(header["__metadata__"]["earshot.config"])
    config["provenance"] = {"recipe": "Fuzz/make-seeds.py"}
    hidden, inputs, classes = 2, config["network"]["inputSize"], len(config["vocabulary"])
    config["network"].update(hiddenSize=hidden, numLayers=1, numClasses=classes)
    shapes = {}
    for suffix in ("", "_reverse"):
        shapes["gru.weight_ih_l0" + suffix] = [3 * hidden, inputs]
        shapes["gru.weight_hh_l0" + suffix] = [3 * hidden, hidden]
        shapes["gru.bias_ih_l0" + suffix] = [3 * hidden]
        shapes["gru.bias_hh_l0" + suffix] = [3 * hidden]
    shapes["fc.weight"] = [classes, 2 * hidden]
    shapes["fc.bias"] = [classes]
    entries, data = {}, b""
    for name, shape in sorted(shapes.items()):
        count = math.prod(shape)
        entries[name] = {"dtype": "F32", "shape": shape, "data_offsets": [len(data), len(data) + 4 * count]}
        data += struct.pack("<%df" % count, *(rng.uniform(-0.5, 0.5) for _ in range(count)))
    entries["__metadata__"] = {"format": "pt", "earshot.config": json.dumps(config, sort_keys=True)}
    text = json.dumps(entries, sort_keys=True).encode()
    text += b" " * (-(8 + len(text)) % 8)
    save("FuzzModelFile", "tiny-bigru.safetensors", struct.pack("<Q", len(text)) + text + data)


def manifest_seeds():
    with open(os.path.join(ROOT, "audio-samples", "manifest.jsonl"), "rb") as f:
        manifest = f.read()
    save("FuzzManifest", "audio-samples.jsonl", b"\x00" + manifest)
    save("FuzzManifest", "empty-text-strict.jsonl", b"\x01" + b'{"audio_filepath": "a.wav", "text": " "}\n\n')
    save("FuzzManifest", "absolute-no-duration.jsonl", b"\x02" + b'{"audio_filepath": "/x/b.flac", "text": "yes no"}\n')


def clip_name_seeds():
    recordings = os.path.join(ROOT, "Tests", "Fixtures", "data", "fsdd", "recordings")
    save("FuzzClipNames", "fsdd", "\n".join(sorted(os.listdir(recordings))).encode())
    save("FuzzClipNames", "folders", b"yes/a.wav\nno/b.flac\n_background_noise_/n.wav\nup down/c.ogg\n")
    save("FuzzClipNames", "odd-names", b"7__x.wav\n10_a_1.wav\n.hidden.wav\n3_bob_x.WAV\n")


def server_message_seeds():
    def message(kind, payload):  # kind 0: text, 1: binary
        return bytes([kind]) + struct.pack("<H", len(payload)) + payload

    def text(value):
        return message(0, json.dumps(value).encode())

    samples = first_frames(os.path.join(ROOT, "audio-samples", "9_yweweler_8.wav"), 1600)
    pcm = struct.pack("<%dh" % len(samples), *samples)
    sessions = {
        "vosk-session": [text({"config": {"sample_rate": 8000, "words": 1}}), message(1, pcm[:1600]), message(1, pcm[1600:]), text({"eof": 1})],
        "resampled-n-best": [text({"config": {"sample_rate": "16000", "max_alternatives": 3}}), message(1, pcm), text({"reset": True}), message(1, pcm[:3])],
        "phrase-list": [text({"config": {"phrase_list": ["yes no", "[unk]"], "words": True}}), message(1, pcm), text({"eof": 1})],
        "bad-config": [text({"config": {"sample_rate": 1e9}})],
    }
    for name, messages in sessions.items():
        save("FuzzServerMessages", name, b"".join(messages))


sound_file_seeds()
raw_pcm_seeds()
streaming_seeds()
model_seed()
manifest_seeds()
clip_name_seeds()
server_message_seeds()
