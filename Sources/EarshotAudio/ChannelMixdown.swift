/// Averages interleaved channels into mono, in place: frame `f` becomes
/// `x[f] = (1/C) Σ_c x[f·C + c]`, written to the first `frames` slots (safe because f ≤ f·C).
enum ChannelMixdown {
    static func averageInPlace(_ buffer: UnsafeMutableBufferPointer<Float>, frames: Int, channels: Int) {
        guard channels > 1, let base = buffer.baseAddress else { return }
        precondition(frames * channels <= buffer.count)
        let scale = 1 / Float(channels)
        for f in 0..<frames {
            let frame = base + f * channels
            var sum: Float = 0
            for c in 0..<channels { sum += frame[c] }
            base[f] = sum * scale
        }
    }

}
