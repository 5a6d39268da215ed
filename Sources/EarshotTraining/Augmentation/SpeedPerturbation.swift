import EarshotFeatures

/// Plays a clip faster or slower by a factor drawn uniformly in [minFactor, maxFactor], changing
/// tempo and pitch together as `sox speed` does (Ko et al., 2015); resampled by linear interpolation.
public struct SpeedPerturbation: Sendable {
    public struct Options: Codable, Sendable, Equatable {
        /// Chance that a clip is perturbed; 0 turns this off.
        public var probability = 0.5
        /// Slowest speed (0.9: 10 % slower, longer).
        public var minFactor = 0.9
        /// Fastest speed (1.1: 10 % faster, shorter).
        public var maxFactor = 1.1
        public init() {}

        /// Stored options decode with the defaults above for missing fields.
        public init(from decoder: any Decoder) throws {
            self.init()
            let c = try decoder.container(keyedBy: CodingKeys.self)
            try c.decodeIfPresent(into: &probability, forKey: .probability)
            try c.decodeIfPresent(into: &minFactor, forKey: .minFactor)
            try c.decodeIfPresent(into: &maxFactor, forKey: .maxFactor)
        }
    }

    public var options: Options

    public init(options: Options = Options()) { self.options = options }

    public func apply(to samples: [Float], using generator: inout some RandomNumberGenerator) -> [Float] {
        let factor = Double.random(in: options.minFactor...max(options.minFactor, options.maxFactor), using: &generator)
        return Self.resample(samples, speed: factor)
    }

    /// y[i] = x(i·speed), linearly interpolated: the clip played `speed` times as fast.
    public static func resample(_ x: [Float], speed: Double) -> [Float] {
        precondition(speed > 0, "speed must be positive")
        guard x.count > 1 else { return x }
        let count = Int(Double(x.count - 1) / speed) + 1
        return x.withUnsafeBufferPointer { source in
            [Float](unsafeUninitializedCapacity: count) { out, initialized in
                for i in 0..<count {
                    let position = Double(i) * speed
                    let left = min(Int(position), source.count - 1)
                    let right = min(left + 1, source.count - 1)
                    let fraction = Float(position - Double(left))
                    out[i] = source[left] + fraction * (source[right] - source[left])
                }
                initialized = count
            }
        }
    }
}
