/// Every augmentation's options in one place, with their defaults; this travels in the training
/// configuration. Each part has a `probability`; 0 turns it off.
public struct AugmentationOptions: Codable, Sendable, Equatable {
    public var speed = SpeedPerturbation.Options()
    public var gain = GainPerturbation.Options()
    public var shift = TimeShift.Options()
    public var noise = AdditiveNoise.Options()
    public var specAugment = SpecAugment.Options()
    public var concatenation = ClipConcatenation.Options()

    public init() {}

    /// Every augmentation off.
    public static var none: AugmentationOptions {
        var options = AugmentationOptions()
        options.speed.probability = 0
        options.gain.probability = 0
        options.shift.probability = 0
        options.noise.probability = 0
        options.specAugment.probability = 0
        options.concatenation.probability = 0
        return options
    }
}
