/// The waveform augmentations applied in order — speed, gain, time shift, room reverberation (of
/// the voice, not of the noise), noise, then the telephone band (a channel narrows the noise too) —
/// each with its probability, then clamped to [-1, 1].
public struct WaveformAugmenter: Sendable {
    public let speed: SpeedPerturbation
    public let gain: GainPerturbation
    public let shift: TimeShift
    public let reverb: RoomReverb
    public let noise: AdditiveNoise
    public let band: TelephoneBand

    /// `noiseRecordings` at `sampleRate` replace generated noise when given.
    public init(options: AugmentationOptions, sampleRate: Int, noiseRecordings: [[Float]] = []) {
        speed = SpeedPerturbation(options: options.speed)
        gain = GainPerturbation(options: options.gain)
        shift = TimeShift(options: options.shift, sampleRate: sampleRate)
        reverb = RoomReverb(options: options.reverb, sampleRate: sampleRate)
        noise = AdditiveNoise(options: options.noise, recordings: noiseRecordings)
        band = TelephoneBand(options: options.telephoneBand, sampleRate: sampleRate)
    }

    /// False when every waveform augmentation is off, so the audio comes out as it went in.
    public var changesAudio: Bool {
        [speed.options.probability, gain.options.probability, shift.options.probability, reverb.options.probability,
         noise.options.probability, band.options.probability].contains { $0 > 0 }
    }

    public func apply(to samples: [Float], using generator: inout some RandomNumberGenerator) -> [Float] {
        var x = samples
        if Self.chance(speed.options.probability, &generator) { x = speed.apply(to: x, using: &generator) }
        if Self.chance(gain.options.probability, &generator) { x = gain.apply(to: x, using: &generator) }
        if Self.chance(shift.options.probability, &generator) { x = shift.apply(to: x, using: &generator) }
        if Self.chance(reverb.options.probability, &generator) { x = reverb.apply(to: x, using: &generator) }
        if Self.chance(noise.options.probability, &generator) { x = noise.apply(to: x, using: &generator) }
        if Self.chance(band.options.probability, &generator) { x = band.apply(to: x) }
        return x.map { min(max($0, -1), 1) }
    }

    /// True with probability `p`.
    static func chance(_ p: Double, _ generator: inout some RandomNumberGenerator) -> Bool {
        p > 0 && Double.random(in: 0..<1, using: &generator) < p
    }
}
