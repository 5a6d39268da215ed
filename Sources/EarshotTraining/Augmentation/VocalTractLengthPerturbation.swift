import EarshotFeatures

/// Vocal tract length perturbation (Jaitly & Hinton, 2013): an item's mel banks are warped by a
/// factor drawn uniformly in [minFactor, maxFactor] with Kaldi's VTLN warp (`Featurizer(_:vtlnWarp:)`),
/// so the model hears each voice's formants as a longer (factor < 1) or shorter (> 1) vocal tract
/// would place them, without the tempo change of `SpeedPerturbation`. Factors are drawn in steps
/// of 0.01, so a training thread keeps one featurizer per factor (`ItemFeaturizer`).
public struct VocalTractLengthPerturbation: Sendable {
    public struct Options: Codable, Sendable, Equatable {
        /// Chance that an item is warped; 0 turns this off.
        public var probability = 0.0
        /// Smallest warp factor (0.9: formants about 10 % lower, a longer vocal tract).
        public var minFactor = 0.9
        /// Largest warp factor (1.1: formants about 10 % higher, a shorter vocal tract).
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

    /// The warp factor for one item in hundredths (100: no warp), drawn only when the chance
    /// comes up, so a recipe without this augmentation draws the same random numbers as before.
    public func drawHundredths(using generator: inout some RandomNumberGenerator) -> Int {
        guard WaveformAugmenter.chance(options.probability, &generator) else { return 100 }
        let low = Int((options.minFactor * 100).rounded()), high = Int((options.maxFactor * 100).rounded())
        return Int.random(in: low...max(low, high), using: &generator)
    }

    /// Throws the features' one-line error unless both ends of the range can warp `features`
    /// (a positive factor, and low-freq < vtln-low < vtln-high < high-freq).
    public func check(_ features: FeatureOptions) throws(FeatureOptionsError) {
        guard options.probability > 0 else { return }
        for factor in [options.minFactor, options.maxFactor] { _ = try Featurizer(features, vtlnWarp: Float(factor)) }
    }
}
