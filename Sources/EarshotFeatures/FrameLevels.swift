import Foundation

extension FrameExtractionOptions {
    /// The level of each of the first `frames` frames of `samples` (in [-1, 1]):
    /// L_t = 10 · log10(mean (x − x̄)² + 1e-10) dB over the frame's samples inside the signal (not
    /// reflected, not dithered), −100 for a frame with none. The frame's mean x̄ is taken out first,
    /// as Kaldi removes the DC offset before its energy: a microphone's offset is not speech. Word times (`SpeechExtent`),
    /// endpointing and the speech-onset gate use them; `StreamingFeaturizer` gives the same values
    /// for a stream.
    public func frameLevels(_ samples: [Float], frames: Int) -> [Float] {
        samples.withUnsafeBufferPointer { signal in
            (0..<frames).map { level(ofFrame: $0, signal: signal, signalOffset: 0, sampleCount: signal.count) }
        }
    }

    /// L_t of frame `t`; `signal[i]` is sample `signalOffset + i` of a signal of `sampleCount` samples.
    func level(ofFrame t: Int, signal: UnsafeBufferPointer<Float>, signalOffset: Int, sampleCount: Int) -> Float {
        let start = max(0, frameStart(t)), end = min(sampleCount, frameStart(t) + frameLength)
        guard end > start else { return -100 }
        var (sum, energy): (Float, Float) = (0, 0)
        for i in start..<end {
            sum += signal[i - signalOffset]
            energy += signal[i - signalOffset] * signal[i - signalOffset]
        }
        let count = Float(end - start), mean = sum / count
        return 10 * log10(max(0, energy / count - mean * mean) + 1e-10)
    }
}
