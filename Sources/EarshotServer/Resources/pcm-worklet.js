// Runs on the audio thread: mixes the microphone to mono, resamples it to the model's rate
// (linear interpolation after a moving-average low-pass when downsampling), and posts 16-bit
// PCM in blocks of about 100 ms to the page.
class PCMWorklet extends AudioWorkletProcessor {
  constructor(options) {
    super();
    this.targetRate = options.processorOptions.targetRate;
    this.step = sampleRate / this.targetRate; // input samples per output sample
    this.width = Math.max(1, Math.round(this.step)); // averaging window against aliasing
    this.history = new Float32Array(0); // unconsumed input, with `width` samples of past
    this.position = this.width; // where the next output sample falls in `history`
    this.block = new Int16Array(Math.round(this.targetRate / 10));
    this.filled = 0;
  }

  process(inputs) {
    const input = inputs[0];
    if (!input || input.length === 0) return true;
    const frames = input[0].length;
    const mono = new Float32Array(frames);
    for (const channel of input) for (let i = 0; i < frames; i++) mono[i] += channel[i] / input.length;
    const joined = new Float32Array(this.history.length + frames);
    joined.set(this.history);
    joined.set(mono, this.history.length);
    let position = this.position;
    while (position + 1 < joined.length) {
      const i = Math.floor(position);
      const frac = position - i;
      let a = 0, b = 0;
      for (let k = 0; k < this.width; k++) {
        a += joined[i - k] || 0;
        b += joined[i + 1 - k] || 0;
      }
      const x = ((1 - frac) * a + frac * b) / this.width;
      this.block[this.filled++] = Math.max(-32768, Math.min(32767, Math.round(x * 32768)));
      if (this.filled === this.block.length) {
        this.port.postMessage(this.block.buffer.slice(0));
        this.filled = 0;
      }
      position += this.step;
    }
    const keep = Math.min(joined.length, this.width + 1);
    const dropped = joined.length - keep;
    this.history = joined.slice(dropped);
    this.position = position - dropped;
    return true;
  }
}

registerProcessor("pcm-worklet", PCMWorklet);
