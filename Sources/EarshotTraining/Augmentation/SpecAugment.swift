import EarshotFeatures

/// SpecAugment's time and frequency masks (Park et al., 2019) on a feature matrix: bands of
/// consecutive frames or feature dimensions set to 0. Apply after CMVN, where 0 is the mean.
public struct SpecAugment: Sendable {
    public struct Options: Codable, Sendable, Equatable {
        /// Chance that a clip is masked; 0 turns this off.
        public var probability = 0.5
        /// Time masks per clip.
        public var timeMasks = 2
        /// Widest time mask, in frames.
        public var maxTimeWidth = 5
        /// No time mask covers more than this fraction of the clip's frames.
        public var maxTimeFraction = 0.2
        /// Frequency masks per clip.
        public var frequencyMasks = 2
        /// Widest frequency mask, in feature dimensions.
        public var maxFrequencyWidth = 3
        public init() {}

        /// Stored options decode with the defaults above for missing fields.
        public init(from decoder: any Decoder) throws {
            self.init()
            let c = try decoder.container(keyedBy: CodingKeys.self)
            try c.decodeIfPresent(into: &probability, forKey: .probability)
            try c.decodeIfPresent(into: &timeMasks, forKey: .timeMasks)
            try c.decodeIfPresent(into: &maxTimeWidth, forKey: .maxTimeWidth)
            try c.decodeIfPresent(into: &maxTimeFraction, forKey: .maxTimeFraction)
            try c.decodeIfPresent(into: &frequencyMasks, forKey: .frequencyMasks)
            try c.decodeIfPresent(into: &maxFrequencyWidth, forKey: .maxFrequencyWidth)
        }
    }

    public var options: Options

    public init(options: Options = Options()) { self.options = options }

    /// Masks `values` (`frames × dims`, row-major `values[t * dims + d]`) in place.
    public func apply(to values: inout [Float], frames: Int, dims: Int, using generator: inout some RandomNumberGenerator) {
        precondition(values.count == frames * dims, "feature matrix is not frames × dims")
        let timeWidth = min(options.maxTimeWidth, Int(options.maxTimeFraction * Double(frames)))
        values.withUnsafeMutableBufferPointer { v in
            for _ in 0..<options.timeMasks where timeWidth > 0 {
                let (start, width) = Self.band(widest: timeWidth, extent: frames, using: &generator)
                for t in start..<(start + width) { for d in 0..<dims { v[t * dims + d] = 0 } }
            }
            for _ in 0..<options.frequencyMasks where options.maxFrequencyWidth > 0 && dims > 0 {
                let (start, width) = Self.band(widest: min(options.maxFrequencyWidth, dims), extent: dims, using: &generator)
                for t in 0..<frames { for d in start..<(start + width) { v[t * dims + d] = 0 } }
            }
        }
    }

    /// A width w uniform in [0, widest] and a start uniform in [0, extent − w].
    private static func band(widest: Int, extent: Int, using generator: inout some RandomNumberGenerator) -> (Int, Int) {
        let width = Int.random(in: 0...widest, using: &generator)
        return (Int.random(in: 0...(extent - width), using: &generator), width)
    }
}
