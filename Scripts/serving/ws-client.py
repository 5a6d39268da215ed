#!/usr/bin/env python3
"""A WebSocket client that talks to `earshot serve` the way Vosk's example clients
(vosk-server's websocket/test.py, test_words.py, test_alternatives.py) talk to Vosk's server:
a config message, the WAV's 16-bit PCM in frames with one reply awaited per frame, then {"eof" : 1}.
Each reply is printed as one line. Needs the `websockets` package (Debian: python3-websockets).

  ws-client.py stream URI clip.wav [--config JSON] [--frame-seconds 0.2] [--reset-after N] [--no-eof]
      Vosk's clients; on /v1/stream the replies are events, read until the server closes.
  ws-client.py probe URI [--text MSG]... [--binary-hex HEX] [--origin O] [--token T]
      sends the messages, prints {"replies": [...], "code": C, "reason": R} when the server closes.
  ws-client.py hold URI --count N --seconds S
      opens N connections, holds them S seconds, prints each one's close code (null: still open).
"""
import argparse
import asyncio
import json
import sys
import wave

import websockets


def connect(uri, origin=None, headers=None):
    kwargs = {"open_timeout": 20, "max_size": 2**24}
    if origin:
        kwargs["origin"] = origin
    if headers:
        major = int(websockets.__version__.split(".")[0])
        kwargs["additional_headers" if major >= 14 else "extra_headers"] = headers
    return websockets.connect(uri, **kwargs)


def close_of(error):
    frame = getattr(error, "rcvd", None)
    if frame is not None:
        return frame.code, frame.reason
    return getattr(error, "code", None), getattr(error, "reason", "")


async def stream(args):
    async with connect(args.uri) as websocket:
        wf = wave.open(args.wav, "rb")
        config = json.loads(args.config) if args.config else {}
        config.setdefault("sample_rate", wf.getframerate())
        await websocket.send(json.dumps({"config": config}))
        buffer_size = int(wf.getframerate() * args.frame_seconds)
        events = "/v1/stream" in args.uri
        sent = 0
        while True:
            data = wf.readframes(buffer_size)
            if len(data) == 0:
                break
            await websocket.send(data)
            sent += 1
            if not events:
                print(await websocket.recv(), flush=True)
            if args.reset_after and sent == args.reset_after:
                await websocket.send('{"reset" : 1}')
                if not events:
                    print(await websocket.recv(), flush=True)
        if args.no_eof:  # wait for the server to end the stream (e.g. when it stops)
            try:
                while True:
                    print(await websocket.recv(), flush=True)
            except websockets.ConnectionClosed as error:
                code, reason = close_of(error)
                print(json.dumps({"code": code, "reason": reason}), flush=True)
            return
        await websocket.send('{"eof" : 1}')
        try:
            while True:
                print(await websocket.recv(), flush=True)
                if not events:
                    break
        except websockets.ConnectionClosed:
            pass


async def probe(args):
    headers = {"Authorization": f"Bearer {args.token}"} if args.token else None
    replies = []
    code, reason = None, ""
    async with connect(args.uri, origin=args.origin, headers=headers) as websocket:
        try:
            for text in args.text or []:
                await websocket.send(text)
            if args.binary_hex is not None:
                await websocket.send(bytes.fromhex(args.binary_hex))
            if args.binary_bytes:
                await websocket.send(bytes(args.binary_bytes))
            while True:
                replies.append(await asyncio.wait_for(websocket.recv(), args.timeout))
        except websockets.ConnectionClosed as error:
            code, reason = close_of(error)
        except asyncio.TimeoutError:
            pass
    print(json.dumps({"replies": replies, "code": code, "reason": reason}), flush=True)


async def hold(args):
    sockets = [await connect(args.uri) for _ in range(args.count)]
    codes = [None] * args.count

    async def watch(i, ws):
        try:
            await ws.recv()
        except websockets.ConnectionClosed as error:
            codes[i] = close_of(error)[0]

    watchers = [asyncio.ensure_future(watch(i, ws)) for i, ws in enumerate(sockets)]
    await asyncio.sleep(args.seconds)
    for w in watchers:
        w.cancel()
    for ws in sockets:
        await ws.close()
    print(json.dumps({"codes": codes}), flush=True)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)
    s = sub.add_parser("stream")
    s.add_argument("uri")
    s.add_argument("wav")
    s.add_argument("--config")
    s.add_argument("--frame-seconds", type=float, default=0.2)
    s.add_argument("--reset-after", type=int)
    s.add_argument("--no-eof", action="store_true", help="after the audio, print replies until the server closes, then the close code")
    p = sub.add_parser("probe")
    p.add_argument("uri")
    p.add_argument("--text", action="append")
    p.add_argument("--binary-hex")
    p.add_argument("--binary-bytes", type=int, default=0, help="send a binary message of this many zero bytes")
    p.add_argument("--origin")
    p.add_argument("--token")
    p.add_argument("--timeout", type=float, default=10)
    h = sub.add_parser("hold")
    h.add_argument("uri")
    h.add_argument("--count", type=int, required=True)
    h.add_argument("--seconds", type=float, default=1)
    args = parser.parse_args()
    asyncio.run({"stream": stream, "probe": probe, "hold": hold}[args.command](args))


if __name__ == "__main__":
    sys.exit(main())
