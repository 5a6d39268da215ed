import EarshotFeatures

/// Every augmentation's options in one place, with their defaults; this travels in the training
/// configuration. Each part has a `probability`; 0 turns it off.
public struct AugmentationOptions: Codable, Sendable, Equatable {
    public var speed = SpeedPerturbation.Options()
    public var gain = GainPerturbation.Options()
    public var shift = TimeShift.Options()
    public var reverb = RoomReverb.Options()
    public var noise = AdditiveNoise.Options()
    public var telephoneBand = TelephoneBand.Options()
    public var vocalTractLength = VocalTractLengthPerturbation.Options()
    public var specAugment = SpecAugment.Options()
    public var concatenation = ClipConcatenation.Options()
    public var noiseOnly = NoiseOnlyItems.Options()

    public init() {}

    /// Stored options decode with the defaults above for missing fields, except that configurations
    /// saved before `noiseOnly` existed (checkpoints, training summaries) load with it off.
    public init(from decoder: any Decoder) throws {
        self.init()
        let c = try decoder.container(keyedBy: CodingKeys.self)
        try c.decodeIfPresent(into: &speed, forKey: .speed)
        try c.decodeIfPresent(into: &gain, forKey: .gain)
        try c.decodeIfPresent(into: &shift, forKey: .shift)
        try c.decodeIfPresent(into: &reverb, forKey: .reverb)
        try c.decodeIfPresent(into: &noise, forKey: .noise)
        try c.decodeIfPresent(into: &telephoneBand, forKey: .telephoneBand)
        try c.decodeIfPresent(into: &vocalTractLength, forKey: .vocalTractLength)
        try c.decodeIfPresent(into: &specAugment, forKey: .specAugment)
        try c.decodeIfPresent(into: &concatenation, forKey: .concatenation)
        if !c.contains(.noiseOnly) { noiseOnly.probability = 0 }
        try c.decodeIfPresent(into: &noiseOnly, forKey: .noiseOnly)
    }

    /// Every augmentation off.
    public static var none: AugmentationOptions {
        var options = AugmentationOptions()
        options.speed.probability = 0
        options.gain.probability = 0
        options.shift.probability = 0
        options.reverb.probability = 0
        options.noise.probability = 0
        options.telephoneBand.probability = 0
        options.vocalTractLength.probability = 0
        options.specAugment.probability = 0
        options.concatenation.probability = 0
        options.noiseOnly.probability = 0
        return options
    }
}
