import EarshotFeatures
import Foundation

/// Training items with no words: a stretch of noise alone (a noise recording when some are given,
/// generated noise otherwise) at a random level, with an empty label sequence. CTC then teaches
/// blank on every frame, so the model learns to say nothing on room noise, breaths and hum
/// instead of reading its likeliest word into them.
public struct NoiseOnlyItems: Sendable {
    public struct Options: Codable, Sendable, Equatable {
        /// Items added per epoch, as a fraction of the clips; 0 turns this off.
        public var probability = 0.05
        /// Shortest item, in seconds.
        public var minSeconds = 0.5
        /// Longest item, in seconds.
        public var maxSeconds = 2.5
        /// RMS level range in dB relative to full scale: from near silence to loud background.
        public var minDecibels = -65.0
        public var maxDecibels = -20.0
        public init() {}

        /// Stored options decode with the defaults above for missing fields.
        public init(from decoder: any Decoder) throws {
            self.init()
            let c = try decoder.container(keyedBy: CodingKeys.self)
            try c.decodeIfPresent(into: &probability, forKey: .probability)
            try c.decodeIfPresent(into: &minSeconds, forKey: .minSeconds)
            try c.decodeIfPresent(into: &maxSeconds, forKey: .maxSeconds)
            try c.decodeIfPresent(into: &minDecibels, forKey: .minDecibels)
            try c.decodeIfPresent(into: &maxDecibels, forKey: .maxDecibels)
        }
    }

    public var options: Options
    /// Noise recordings at the model's sample rate; empty means generated noise of `color`.
    public var recordings: [[Float]]
    public var color: AdditiveNoise.Color

    public init(options: Options = Options(), recordings: [[Float]] = [], color: AdditiveNoise.Color = .pink) {
        self.options = options
        self.recordings = recordings
        self.color = color
    }

    /// How many such items an epoch over `clipCount` clips gets.
    public func count(forClips clipCount: Int) -> Int {
        Int((options.probability * Double(clipCount)).rounded())
    }

    /// Estimated frames of one item (100 per second), for length bucketing.
    public var meanFrames: Int { Int(50 * (options.minSeconds + options.maxSeconds)) }

    /// One item's audio at `sampleRate`.
    public func make(sampleRate: Int, using generator: inout some RandomNumberGenerator) -> [Float] {
        let seconds = Double.random(in: options.minSeconds...max(options.minSeconds, options.maxSeconds), using: &generator)
        let count = max(1, Int(seconds * Double(sampleRate)))
        let noise = recordings.isEmpty
            ? AdditiveNoise.generate(color, count: count, using: &generator)
            : AdditiveNoise.excerpt(of: recordings.randomElement(using: &generator)!, count: count, using: &generator)
        let decibels = Double.random(in: options.minDecibels...max(options.minDecibels, options.maxDecibels), using: &generator)
        let power = AdditiveNoise.meanSquare(noise)
        guard power > 0 else { return noise }
        // scale to RMS 10^(dB/20)
        let gain = Float(pow(10, decibels / 20) / power.squareRoot())
        return noise.map { min(max($0 * gain, -1), 1) }
    }
}
