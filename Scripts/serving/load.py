#!/usr/bin/env python3
"""Load test for `earshot serve` on loopback, from a second process: N concurrent streams on
Vosk's protocol, each playing clips at real time (0.2 s frames, a pause after each clip), and
POST /v1/transcribe throughput. Bounded in count and time. Prints one JSON line per measurement.

  load.py --url http://127.0.0.1:PORT --pid SERVER_PID --streams 1,10,50,100 --repeats 2 \
      --clips audio-samples/yes-stop-go_16k.wav:"yes stop go" audio-samples/three-one-four_16k.wav:"three one four"
"""
import argparse
import asyncio
import json
import threading
import time
import urllib.request
import wave

import websockets


def rss_kib(pid):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return 0


def load_clip(spec, pause):
    path, text = spec.split(":", 1)
    w = wave.open(path, "rb")
    assert w.getsampwidth() == 2 and w.getnchannels() == 1
    rate = w.getframerate()
    pcm = w.readframes(w.getnframes()) + b"\0" * int(2 * rate * pause)
    return {"pcm": pcm, "rate": rate, "text": text}


def quantile(values, q):
    if not values:
        return None
    values = sorted(values)
    return values[min(len(values) - 1, int(q * len(values)))]


async def one_stream(uri, clips, index, repeats, results):
    clip_order = [clips[(index + k) % len(clips)] for k in range(repeats)]
    rate = clip_order[0]["rate"]
    frame = int(rate * 0.2) * 2
    audio = b"".join(c["pcm"] for c in clip_order)
    expected = [c["text"] for c in clip_order]
    finals, latencies = [], []
    async with websockets.connect(uri, open_timeout=60, max_size=2**24) as ws:
        await ws.send(json.dumps({"config": {"sample_rate": rate}}))
        start = time.monotonic()
        for offset in range(0, len(audio), frame):
            chunk = audio[offset:offset + frame]
            due = start + (offset + len(chunk)) / 2 / rate
            await asyncio.sleep(max(0, due - time.monotonic()))
            await ws.send(chunk)
            reply = json.loads(await ws.recv())
            if reply.get("text"):
                finals.append(reply["text"])
                last_end = reply["result"][-1]["end"]
                latencies.append(time.monotonic() - (start + last_end))
        await ws.send('{"eof" : 1}')
        reply = json.loads(await ws.recv())
        if reply.get("text"):
            finals.append(reply["text"])
    results.append({"expected": expected, "finals": finals, "latencies": latencies})


async def streams(args, clips, count):
    uri = args.url.replace("http", "ws", 1) + "/"
    results = []
    peak = [rss_kib(args.pid)] if args.pid else [0]
    idle = peak[0]

    async def sample():
        while True:
            if args.pid:
                peak[0] = max(peak[0], rss_kib(args.pid))
            await asyncio.sleep(0.25)

    sampler = asyncio.ensure_future(sample())
    began = time.monotonic()
    await asyncio.gather(*(one_stream(uri, clips, i, args.repeats, results) for i in range(count)))
    sampler.cancel()
    latencies = [l for r in results for l in r["latencies"]]
    wrong = sum(1 for r in results if r["finals"] != r["expected"])
    return {
        "streams": count, "seconds": round(time.monotonic() - began, 1), "finals": len(latencies),
        "streams_with_other_words": wrong,
        "final_latency_ms_p50": round(1000 * quantile(latencies, 0.5)), "p95": round(1000 * quantile(latencies, 0.95)),
        "p99": round(1000 * quantile(latencies, 0.99)),
        "rss_idle_mib": round(idle / 1024, 1), "rss_peak_mib": round(peak[0] / 1024, 1),
        "rss_per_stream_kib": round((peak[0] - idle) / count) if args.pid else None,
    }


def posts(args, path, seconds, workers):
    body = open(path, "rb").read()
    done, failed = [0], [0]
    lock = threading.Lock()
    stop = time.monotonic() + seconds

    def work():
        while time.monotonic() < stop:
            request = urllib.request.Request(args.url + "/v1/transcribe", data=body, method="POST")
            try:
                with urllib.request.urlopen(request, timeout=30) as response:
                    ok = response.status == 200
            except OSError:
                ok = False
            with lock:
                (done if ok else failed)[0] += 1

    threads = [threading.Thread(target=work) for _ in range(workers)]
    began = time.monotonic()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    elapsed = time.monotonic() - began
    return {"post_workers": workers, "requests": done[0], "failed": failed[0], "requests_per_second": round(done[0] / elapsed, 1)}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--url", required=True)
    parser.add_argument("--pid", type=int)
    parser.add_argument("--streams", default="1,10,50,100")
    parser.add_argument("--repeats", type=int, default=2)
    parser.add_argument("--pause", type=float, default=1.5)
    parser.add_argument("--clips", nargs="+", required=True)
    parser.add_argument("--post-seconds", type=float, default=10)
    parser.add_argument("--post-workers", type=int, default=4)
    args = parser.parse_args()
    clips = [load_clip(spec, args.pause) for spec in args.clips]
    for count in [int(n) for n in args.streams.split(",")]:
        print(json.dumps(asyncio.run(streams(args, clips, min(count, 200)))), flush=True)
    if args.post_seconds > 0:
        print(json.dumps(posts(args, args.clips[0].split(":", 1)[0], min(args.post_seconds, 60), args.post_workers)), flush=True)


if __name__ == "__main__":
    main()
