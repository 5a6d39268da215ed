import EarshotAudio

/// Passes a clip through a narrower channel: resampled down to `rate` and back up with soxr, so
/// nothing above `rate`/2 is left, as in telephone audio (and FSDD's 8 kHz recordings). A 16 kHz
/// model trained with it hears many voices without their 4–8 kHz band, not only the few voices
/// that were recorded that way.
public struct TelephoneBand: Sendable {
    public struct Options: Codable, Sendable, Equatable {
        /// Chance that a clip is band-limited; 0 turns this off.
        public var probability = 0.0
        /// The narrow channel's sample rate, within `AudioReader.supportedRates`: content above half
        /// of it is removed.
        public var rate = 8000
        public init() {}

        /// Stored options decode with the defaults above for missing fields.
        public init(from decoder: any Decoder) throws {
            self.init()
            let c = try decoder.container(keyedBy: CodingKeys.self)
            try c.decodeIfPresent(into: &probability, forKey: .probability)
            try c.decodeIfPresent(into: &rate, forKey: .rate)
        }
    }

    public var options: Options
    /// The rate of the clips it is given.
    public let sampleRate: Int

    public init(options: Options = Options(), sampleRate: Int) {
        self.options = options
        self.sampleRate = sampleRate
    }

    /// The clip with its band above `rate`/2 removed; unchanged when the clip's own band is no
    /// wider (`sampleRate` <= `rate`).
    public func apply(to samples: [Float]) -> [Float] {
        guard options.rate < sampleRate, !samples.isEmpty else { return samples }
        do {
            let narrow = try Resampler(from: sampleRate, to: options.rate, label: "telephone band").resample(samples)
            return try Resampler(from: options.rate, to: sampleRate, label: "telephone band").resample(narrow)
        } catch {
            preconditionFailure("telephone band: \(error)")  // rates within AudioReader.supportedRates cannot fail
        }
    }
}
