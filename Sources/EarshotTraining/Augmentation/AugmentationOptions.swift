/// Every augmentation's options in one place, with their defaults; this travels in the training
/// configuration. Each part has a `probability`; 0 turns it off.
public struct AugmentationOptions: Codable, Sendable, Equatable {
    public var speed = SpeedPerturbation.Options()
    public var gain = GainPerturbation.Options()
    public var shift = TimeShift.Options()
    public var noise = AdditiveNoise.Options()
    public var specAugment = SpecAugment.Options()
    public var concatenation = ClipConcatenation.Options()
    public var noiseOnly = NoiseOnlyItems.Options()

    public init() {}

    private enum CodingKeys: String, CodingKey { case speed, gain, shift, noise, specAugment, concatenation, noiseOnly }

    /// Configurations saved before `noiseOnly` existed (checkpoints, training summaries) load with it off.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        speed = try container.decode(SpeedPerturbation.Options.self, forKey: .speed)
        gain = try container.decode(GainPerturbation.Options.self, forKey: .gain)
        shift = try container.decode(TimeShift.Options.self, forKey: .shift)
        noise = try container.decode(AdditiveNoise.Options.self, forKey: .noise)
        specAugment = try container.decode(SpecAugment.Options.self, forKey: .specAugment)
        concatenation = try container.decode(ClipConcatenation.Options.self, forKey: .concatenation)
        noiseOnly = try container.decodeIfPresent(NoiseOnlyItems.Options.self, forKey: .noiseOnly)
            ?? { var off = NoiseOnlyItems.Options(); off.probability = 0; return off }()
    }

    /// Every augmentation off.
    public static var none: AugmentationOptions {
        var options = AugmentationOptions()
        options.speed.probability = 0
        options.gain.probability = 0
        options.shift.probability = 0
        options.noise.probability = 0
        options.specAugment.probability = 0
        options.concatenation.probability = 0
        options.noiseOnly.probability = 0
        return options
    }
}
