import EarshotFeatures
import Foundation

/// Scales a clip by a gain drawn uniformly in [minDecibels, maxDecibels], lowered when needed so
/// the loudest sample stays within [-1, 1] (no clipping).
public struct GainPerturbation: Sendable {
    public struct Options: Codable, Sendable, Equatable {
        /// Chance that a clip's level changes; 0 turns this off.
        public var probability = 0.5
        public var minDecibels = -6.0
        public var maxDecibels = 6.0
        public init() {}

        /// Stored options decode with the defaults above for missing fields.
        public init(from decoder: any Decoder) throws {
            self.init()
            let c = try decoder.container(keyedBy: CodingKeys.self)
            try c.decodeIfPresent(into: &probability, forKey: .probability)
            try c.decodeIfPresent(into: &minDecibels, forKey: .minDecibels)
            try c.decodeIfPresent(into: &maxDecibels, forKey: .maxDecibels)
        }
    }

    public var options: Options

    public init(options: Options = Options()) { self.options = options }

    public func apply(to samples: [Float], using generator: inout some RandomNumberGenerator) -> [Float] {
        let decibels = Double.random(in: options.minDecibels...max(options.minDecibels, options.maxDecibels), using: &generator)
        let peak = samples.reduce(Float(0)) { max($0, abs($1)) }
        // g = min(10^(dB/20), 1 / peak)
        let gain = min(Float(pow(10, decibels / 20)), peak > 0 ? 1 / peak : 1)
        return samples.map { $0 * gain }
    }
}
