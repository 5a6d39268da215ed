/// How the signal is cut into frames and each frame prepared for the FFT
/// (Kaldi's `FrameExtractionOptions`; names and defaults as `compute-mfcc-feats`, except dither).
public struct FrameExtractionOptions: Codable, Sendable, Hashable {
    /// Sampling rate of the input, in Hz (`--sample-frequency`).
    public var sampleFrequency: Float = 16000
    /// Frame length in milliseconds (`--frame-length`).
    public var frameLengthMs: Float = 25
    /// Frame shift in milliseconds (`--frame-shift`).
    public var frameShiftMs: Float = 10
    /// Standard deviation of Gaussian noise added to each int16-scale sample; 0 turns it off
    /// (`--dither`; Kaldi's default is 1, Earshot's is 0 so features are deterministic).
    public var dither: Float = 0
    /// Seed of the dither noise: the noise of frame t depends only on the seed and t, so results
    /// are reproducible and the streaming featurizer adds the same noise as the offline one.
    public var ditherSeed: UInt64 = 0
    /// y[j] = x[j] − coefficient · x[j−1] (`--preemphasis-coefficient`); 0 turns it off.
    public var preemphasisCoefficient: Float = 0.97
    /// Subtract each frame's mean before pre-emphasis (`--remove-dc-offset`).
    public var removeDcOffset: Bool = true
    /// Window function (`--window-type`).
    public var windowType: WindowType = .povey
    /// Constant of the generalised Blackman window (`--blackman-coeff`).
    public var blackmanCoeff: Float = 0.42
    /// Zero-pad each frame to the next power of two for the FFT (`--round-to-power-of-two`).
    public var roundToPowerOfTwo: Bool = true
    /// true: only frames that fit completely in the signal, n = 1 + (N − L) / S.
    /// false: n = (N + S/2) / S frames centred on multiples of the shift, the signal reflected
    /// at both ends (`--snip-edges`).
    public var snipEdges: Bool = true

    public init() {}

    /// Stored options decode with the defaults above for missing fields; the rate is required.
    public init(from decoder: any Decoder) throws {
        self.init()
        let c = try decoder.container(keyedBy: CodingKeys.self)
        sampleFrequency = try c.decode(Float.self, forKey: .sampleFrequency)
        try c.decodeIfPresent(into: &frameLengthMs, forKey: .frameLengthMs)
        try c.decodeIfPresent(into: &frameShiftMs, forKey: .frameShiftMs)
        try c.decodeIfPresent(into: &dither, forKey: .dither)
        try c.decodeIfPresent(into: &ditherSeed, forKey: .ditherSeed)
        try c.decodeIfPresent(into: &preemphasisCoefficient, forKey: .preemphasisCoefficient)
        try c.decodeIfPresent(into: &removeDcOffset, forKey: .removeDcOffset)
        try c.decodeIfPresent(into: &windowType, forKey: .windowType)
        try c.decodeIfPresent(into: &blackmanCoeff, forKey: .blackmanCoeff)
        try c.decodeIfPresent(into: &roundToPowerOfTwo, forKey: .roundToPowerOfTwo)
        try c.decodeIfPresent(into: &snipEdges, forKey: .snipEdges)
    }

    /// Frame length L in samples: ⌊sampleFrequency · 0.001 · frameLengthMs⌋ (Kaldi's rounding).
    public var frameLength: Int { Int(Double(sampleFrequency) * 0.001 * Double(frameLengthMs)) }
    /// Frame shift S in samples.
    public var frameShift: Int { Int(Double(sampleFrequency) * 0.001 * Double(frameShiftMs)) }
    /// FFT size: L, or the next power of two ≥ L.
    public var paddedFrameLength: Int {
        guard roundToPowerOfTwo else { return frameLength }
        var n = 1
        while n < frameLength { n <<= 1 }
        return n
    }

    // The frame arithmetic of all of Earshot (Kaldi's `NumFrames` and `FirstSampleOfFrame`,
    // feature-window.cc): the featurizers, word times, frame levels and streaming use these.

    /// Frames complete after `sampleCount` samples. With `flush` the signal ends there (offline, or
    /// a stream's end): with snip-edges 1 + (N − L) / S whole frames, without (N + S/2) / S frames
    /// (the last ones reflected at the end). Without `flush` more samples may come, so only frames
    /// whose samples have all arrived count, start(t) + L ≤ N (the same with snip-edges).
    public func frameCount(sampleCount: Int, flush: Bool = true) -> Int {
        let length = frameLength, shift = frameShift
        if snipEdges { return sampleCount < length ? 0 : 1 + (sampleCount - length) / shift }
        let atEnd = (sampleCount + shift / 2) / shift
        if flush { return atEnd }
        let available = sampleCount - length - frameStart(0)
        return available < 0 ? 0 : min(atEnd, 1 + available / shift)
    }

    /// Index of the first sample of frame `frame`: t · S, or t · S + S/2 − L/2 without snip-edges
    /// (frames centred on t · S + S/2; negative before the signal).
    public func frameStart(_ frame: Int) -> Int {
        snipEdges ? frame * frameShift : frame * frameShift + frameShift / 2 - frameLength / 2
    }

    /// The fewest samples that make one frame (at the end of a signal): L, or S − S/2 without snip-edges.
    public var minimumSampleCount: Int { snipEdges ? frameLength : frameShift - frameShift / 2 }

    /// Seconds between frame starts, S / rate.
    public var frameShiftSeconds: Double { Double(frameShift) / Double(sampleFrequency) }

    func validate() throws(FeatureOptionsError) {
        guard sampleFrequency > 0 else {
            throw .invalid("sample-frequency must be positive, got \(sampleFrequency)")
        }
        guard frameLength >= 2 else {
            throw .invalid("frame-length \(frameLengthMs) ms is under 2 samples at \(sampleFrequency) Hz")
        }
        guard frameShift >= 1 else {
            throw .invalid("frame-shift \(frameShiftMs) ms is under 1 sample at \(sampleFrequency) Hz")
        }
        guard dither >= 0 else { throw .invalid("dither must be ≥ 0, got \(dither)") }
    }
}
