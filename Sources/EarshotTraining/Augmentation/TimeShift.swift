import EarshotFeatures

/// Moves the speech in time by padding silence (faint noise, see `Silence`): up to `maxSeconds`
/// before and, independently, up to `maxSeconds` after the clip. Nothing is cut, so no part of a
/// word is lost.
public struct TimeShift: Sendable {
    public struct Options: Codable, Sendable, Equatable {
        /// Chance that a clip is shifted; 0 turns this off.
        public var probability = 0.5
        /// Longest silence added at each end, in seconds.
        public var maxSeconds = 0.1
        public init() {}

        /// Stored options decode with the defaults above for missing fields.
        public init(from decoder: any Decoder) throws {
            self.init()
            let c = try decoder.container(keyedBy: CodingKeys.self)
            try c.decodeIfPresent(into: &probability, forKey: .probability)
            try c.decodeIfPresent(into: &maxSeconds, forKey: .maxSeconds)
        }
    }

    public var options: Options
    public var sampleRate: Int

    public init(options: Options = Options(), sampleRate: Int) {
        self.options = options
        self.sampleRate = sampleRate
    }

    public func apply(to samples: [Float], using generator: inout some RandomNumberGenerator) -> [Float] {
        let most = Int(options.maxSeconds * Double(sampleRate))
        let before = Int.random(in: 0...max(most, 0), using: &generator)
        let after = Int.random(in: 0...max(most, 0), using: &generator)
        return Silence.make(before, using: &generator) + samples + Silence.make(after, using: &generator)
    }
}
