// The Earshot browser page: microphone → AudioWorklet (mono, model rate, 16-bit PCM) →
// WebSocket /v1/stream → partial and final results with times and confidences.
// URL options: ?token=T (if the server needs one), ?autostart=1, ?seconds=N (stop after N s).
"use strict";

const params = new URLSearchParams(location.search);
const $ = (id) => document.getElementById(id);
let session = null;

function status(text) { $("status").textContent = text; }

function wordsHTML(words) {
  return words.map((w) => {
    const low = w.confidence < 0.6 ? " low" : "";
    return `<span class="word${low}">${w.word} ${w.start.toFixed(2)}–${w.end.toFixed(2)} s · ${(w.confidence * 100).toFixed(0)} %</span>`;
  }).join("");
}

function show(event) {
  if (event.type === "partial") {
    $("partial").textContent = event.text;
    return;
  }
  $("partial").textContent = "";
  const item = document.createElement("li");
  item.className = "final";
  const latency = event.latency_ms != null ? ` · ${Math.round(event.latency_ms)} ms after the last word` : "";
  item.innerHTML = `<span class="text">${event.text}</span><span class="time">${event.start.toFixed(2)}–${event.end.toFixed(2)} s${latency}</span>` +
    `<div class="words">${wordsHTML(event.words)}</div>`;
  $("finals").prepend(item);
}

async function start() {
  const health = await (await fetch("healthz")).json();
  const rate = health.sample_rate;
  const media = await navigator.mediaDevices.getUserMedia({
    audio: { channelCount: 1, echoCancellation: false, noiseSuppression: false, autoGainControl: false },
  });
  const context = new AudioContext();
  await context.audioWorklet.addModule("pcm-worklet.js");
  const source = context.createMediaStreamSource(media);
  const worklet = new AudioWorkletNode(context, "pcm-worklet", { processorOptions: { targetRate: rate } });
  const scheme = location.protocol === "https:" ? "wss:" : "ws:";
  const token = params.get("token");
  const socket = new WebSocket(`${scheme}//${location.host}/v1/stream${token ? "?token=" + encodeURIComponent(token) : ""}`);
  socket.binaryType = "arraybuffer";
  session = { media, context, socket, worklet };
  socket.onopen = () => {
    socket.send(JSON.stringify({ config: { sample_rate: rate } }));
    worklet.port.onmessage = (message) => { if (socket.readyState === WebSocket.OPEN) socket.send(message.data); };
    source.connect(worklet);
    status(`listening (${context.sampleRate} Hz → ${rate} Hz)`);
  };
  socket.onmessage = (message) => show(JSON.parse(message.data));
  socket.onclose = (close) => {
    status(close.code === 1000 ? "stopped" : `closed: ${close.code} ${close.reason}`);
    cleanUp();
  };
  $("toggle").textContent = "Stop";
  $("toggle").classList.add("stop");
  const seconds = Number(params.get("seconds"));
  if (seconds > 0) setTimeout(stop, seconds * 1000);
}

// Stop: no more audio; the server sends the last final and closes.
function stop() {
  if (!session) return;
  session.worklet.port.onmessage = null;
  session.media.getTracks().forEach((track) => track.stop());
  if (session.socket.readyState === WebSocket.OPEN) session.socket.send(JSON.stringify({ eof: 1 }));
  status("finishing…");
}

function cleanUp() {
  if (!session) return;
  session.media.getTracks().forEach((track) => track.stop());
  session.context.close();
  session = null;
  $("toggle").textContent = "Start listening";
  $("toggle").classList.remove("stop");
}

$("toggle").onclick = () => {
  if (session) stop();
  else start().catch((error) => { status(`error: ${error.message}`); cleanUp(); });
};

fetch("healthz").then((r) => r.json()).then((health) => {
  $("vocabulary").textContent = `Words: ${health.vocabulary.join(", ")}`;
});

if (params.get("autostart")) start().catch((error) => { status(`error: ${error.message}`); cleanUp(); });
