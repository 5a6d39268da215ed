#!/usr/bin/env python3
"""Opens `earshot serve`'s browser page in headless Chromium with a WAV file as the microphone
and waits until the page shows the expected words as a final; prints the page's text as JSON.
Drives Chromium over the DevTools protocol (needs `websockets`, Debian: python3-websockets).

  browser-check.py http://127.0.0.1:PORT clip.wav --expect "yes stop go" [--screenshot out.png]
"""
import argparse
import asyncio
import base64
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request

import websockets


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def chromium():
    for name in ("chromium", "chromium-browser", "google-chrome"):
        path = shutil.which(name)
        if path:
            return path
    sys.exit("browser-check: no chromium (Scripts/install-deps.sh --server-tests installs it)")


async def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("url")
    parser.add_argument("wav")
    parser.add_argument("--expect", required=True)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--screenshot")
    args = parser.parse_args()

    port = free_port()
    profile = tempfile.mkdtemp(prefix="earshot-chromium-")
    browser = subprocess.Popen([
        chromium(), "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
        f"--user-data-dir={profile}", f"--remote-debugging-port={port}", "--window-size=900,640",
        "--use-fake-ui-for-media-stream", "--use-fake-device-for-media-stream",
        f"--use-file-for-fake-audio-capture={os.path.abspath(args.wav)}",
        "--autoplay-policy=no-user-gesture-required", "about:blank",
    ], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + args.seconds
        target = None
        while target is None and time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/json/list", timeout=2) as response:
                    pages = [t for t in json.load(response) if t.get("type") == "page"]
                    target = pages[0]["webSocketDebuggerUrl"] if pages else None
            except OSError:
                await asyncio.sleep(0.2)
        if target is None:
            sys.exit("browser-check: chromium did not start")
        async with websockets.connect(target, max_size=2**26) as cdp:
            counter = 0

            async def call(method, **params):
                nonlocal counter
                counter += 1
                await cdp.send(json.dumps({"id": counter, "method": method, "params": params}))
                while True:
                    reply = json.loads(await cdp.recv())
                    if reply.get("id") == counter:
                        return reply.get("result", {})

            page = args.url.rstrip("/") + "/?autostart=1"
            await call("Page.navigate", url=page)
            text, finals = "", []
            while time.monotonic() < deadline:
                await asyncio.sleep(0.5)
                result = await call("Runtime.evaluate", returnByValue=True, expression=(
                    "JSON.stringify({text: document.body.innerText,"
                    " finals: [...document.querySelectorAll('#finals .text')].map(e => e.textContent),"
                    " status: document.getElementById('status').textContent})"))
                state = json.loads(result.get("result", {}).get("value", "{}"))
                text, finals = state.get("text", ""), state.get("finals", [])
                if args.expect in finals:
                    break
            if args.screenshot:
                shot = await call("Page.captureScreenshot", format="png")
                with open(args.screenshot, "wb") as f:
                    f.write(base64.b64decode(shot["data"]))
        print(json.dumps({"finals": finals, "text": text, "found": args.expect in finals}))
        return 0 if args.expect in finals else 1
    finally:
        browser.terminate()
        try:
            browser.wait(10)
        except subprocess.TimeoutExpired:
            browser.kill()
        shutil.rmtree(profile, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(asyncio.run(main()))
