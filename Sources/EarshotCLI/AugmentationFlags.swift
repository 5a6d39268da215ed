import ArgumentParser
import EarshotAudio
import EarshotTraining

/// `earshot train`'s augmentation flags: each the chance that a training clip gets that change
/// (0 turns it off), with the library's defaults.
struct AugmentationFlags: ParsableArguments {
    private static let defaults = AugmentationOptions()

    @Option(name: .customLong("speed"), help: "Chance of playing a clip faster or slower (tempo and pitch together), by a factor in --speed-range.")
    var speed = defaults.speed.probability
    @Option(help: "Speed factor range for --speed, MIN:MAX; wider ranges imitate more voices (shorter or longer vocal tracts).")
    var speedRange = "\(defaults.speed.minFactor):\(defaults.speed.maxFactor)"
    @Option(name: .customLong("gain"), help: "Chance of changing a clip's level by a gain in --gain-range.")
    var gain = defaults.gain.probability
    @Option(help: "Gain range for --gain in dB, MIN:MAX (never so loud that the clip clips); a wide range teaches quiet and loud microphones (--gain-range=-30:6).")
    var gainRange = "\(Int(defaults.gain.minDecibels)):\(Int(defaults.gain.maxDecibels))"
    @Option(name: .customLong("shift"), help: "Chance of padding silence of up to --shift-seconds at each end.")
    var shift = defaults.shift.probability
    @Option(help: "Longest silence --shift adds at each end, in seconds.")
    var shiftSeconds = defaults.shift.maxSeconds
    @Option(name: .customLong("reverb"), help: "Chance of reverberating a clip as a room would: convolved with a simulated impulse response (a direct path and an exponentially decaying noise tail) with a reverberation time in --rt60 and a direct-to-reverberant ratio in --drr.")
    var reverb = defaults.reverb.probability
    @Option(help: "Reverberation time range for --reverb in seconds (60 dB of decay), MIN:MAX.")
    var rt60 = "\(defaults.reverb.minRT60):\(defaults.reverb.maxRT60)"
    @Option(help: "Direct-to-reverberant energy ratio range for --reverb in dB, MIN:MAX; lower is more distant.")
    var drr = "\(Int(defaults.reverb.minDRR)):\(Int(defaults.reverb.maxDRR))"
    @Option(name: .customLong("noise"), help: "Chance of adding noise at a random SNR in --snr.")
    var noise = defaults.noise.probability
    @Option(help: "SNR range for --noise in dB, MIN:MAX.")
    var snr = "\(Int(defaults.noise.minSNR)):\(Int(defaults.noise.maxSNR))"
    @Option(help: "Audio files of noise to mix in instead of generated pink noise; repeatable.")
    var noiseFile: [String] = []
    @Option(name: .customLong("telephone-band"), help: "Chance of passing a clip (with its noise) through a narrower channel: resampled down to --telephone-band-rate and back, so nothing above half that rate is left, as in telephone audio. Teaches a wide-band model many voices at 8 kHz.")
    var telephoneBand = defaults.telephoneBand.probability
    @Option(help: "The channel's sample rate for --telephone-band, in Hz.")
    var telephoneBandRate = defaults.telephoneBand.rate
    @Option(name: .customLong("vtlp"), help: "Chance of vocal tract length perturbation: warping a clip's mel banks (Kaldi's VTLN warp) by a factor in --vtlp-range, as a shorter or longer vocal tract would move its formants, without changing the tempo.")
    var vocalTractLength = defaults.vocalTractLength.probability
    @Option(help: "Warp factor range for --vtlp, MIN:MAX; below 1 lowers the formants, above 1 raises them.")
    var vtlpRange = "\(defaults.vocalTractLength.minFactor):\(defaults.vocalTractLength.maxFactor)"
    @Option(name: .customLong("spec-augment"), help: "Chance of masking \(defaults.specAugment.timeMasks) bands of up to --time-mask-width frames and \(defaults.specAugment.frequencyMasks) of up to --frequency-mask-width features (SpecAugment).")
    var specAugment = defaults.specAugment.probability
    @Option(help: "Widest time mask of --spec-augment, in 10 ms frames (at most a fifth of the clip).")
    var timeMaskWidth = defaults.specAugment.maxTimeWidth
    @Option(help: "Widest frequency mask of --spec-augment, in features (mel bins or cepstra); wider masks hide more of a voice's formants.")
    var frequencyMaskWidth = defaults.specAugment.maxFrequencyWidth
    @Option(name: .customLong("concat"), help: "Sequences of \(defaults.concatenation.minClips)–\(defaults.concatenation.maxClips) clips added per epoch, as a fraction of the clips.")
    var concatenation = defaults.concatenation.probability
    @Option(name: .customLong("noise-only"), help: "Items of noise alone (\(defaults.noiseOnly.minSeconds)–\(defaults.noiseOnly.maxSeconds) s, \(Int(defaults.noiseOnly.minDecibels)) to \(Int(defaults.noiseOnly.maxDecibels)) dBFS, from --noise-file or generated), labelled with no words, added per epoch as a fraction of the clips: they teach the model to say nothing on background noise.")
    var noiseOnly = defaults.noiseOnly.probability
    @Flag(help: "Turn every augmentation off.")
    var noAugment = false

    func validate() throws {
        guard snrRange != nil else { throw ValidationError("--snr must be MIN:MAX in dB with MIN <= MAX, e.g. 10:30") }
        guard shiftSeconds >= 0 else { throw ValidationError("--shift-seconds must be 0 or more, got \(shiftSeconds)") }
        guard let speeds = Self.range(speedRange), speeds.0 > 0 else {
            throw ValidationError("--speed-range must be MIN:MAX with 0 < MIN <= MAX, e.g. 0.9:1.1")
        }
        guard Self.range(gainRange) != nil else { throw ValidationError("--gain-range must be MIN:MAX in dB with MIN <= MAX, e.g. -30:6") }
        guard let times = Self.range(rt60), times.0 > 0, times.1 <= 10 else {
            throw ValidationError("--rt60 must be MIN:MAX in seconds with 0 < MIN <= MAX <= 10, e.g. 0.2:0.8")
        }
        guard Self.range(drr) != nil else { throw ValidationError("--drr must be MIN:MAX in dB with MIN <= MAX, e.g. 0:12") }
        guard let warps = Self.range(vtlpRange), warps.0 > 0 else {
            throw ValidationError("--vtlp-range must be MIN:MAX with 0 < MIN <= MAX, e.g. 0.9:1.1")
        }
        guard AudioReader.supportedRates.contains(telephoneBandRate) else {
            throw ValidationError("--telephone-band-rate must be within \(AudioReader.supportedRates) Hz, got \(telephoneBandRate)")
        }
        for (name, value) in [("speed", speed), ("gain", gain), ("shift", shift), ("reverb", reverb), ("noise", noise),
                              ("telephone-band", telephoneBand), ("vtlp", vocalTractLength),
                              ("spec-augment", specAugment)]
        where !(0...1).contains(value) {
            throw ValidationError("--\(name) is a chance between 0 and 1, got \(value)")
        }
        for (name, value) in [("concat", concatenation), ("noise-only", noiseOnly)] where !(value >= 0) {
            throw ValidationError("--\(name) must be 0 or more, got \(value)")
        }
        for (name, value) in [("time-mask-width", timeMaskWidth), ("frequency-mask-width", frequencyMaskWidth)] where value < 0 {
            throw ValidationError("--\(name) must be 0 or more, got \(value)")
        }
    }

    private var snrRange: (Double, Double)? { Self.range(snr) }

    /// "MIN:MAX" with MIN <= MAX, or nil.
    private static func range(_ text: String) -> (Double, Double)? {
        let parts = text.split(separator: ":").compactMap { Double($0) }
        guard parts.count == 2, parts[0] <= parts[1] else { return nil }
        return (parts[0], parts[1])
    }

    var options: AugmentationOptions {
        if noAugment { return .none }
        var options = AugmentationOptions()
        options.speed.probability = speed
        (options.speed.minFactor, options.speed.maxFactor) = Self.range(speedRange) ?? (options.speed.minFactor, options.speed.maxFactor)
        options.gain.probability = gain
        (options.gain.minDecibels, options.gain.maxDecibels) = Self.range(gainRange) ?? (options.gain.minDecibels, options.gain.maxDecibels)
        options.shift.probability = shift
        options.shift.maxSeconds = shiftSeconds
        options.reverb.probability = reverb
        (options.reverb.minRT60, options.reverb.maxRT60) = Self.range(rt60) ?? (options.reverb.minRT60, options.reverb.maxRT60)
        (options.reverb.minDRR, options.reverb.maxDRR) = Self.range(drr) ?? (options.reverb.minDRR, options.reverb.maxDRR)
        options.noise.probability = noise
        (options.noise.minSNR, options.noise.maxSNR) = snrRange ?? (options.noise.minSNR, options.noise.maxSNR)
        options.noise.recordings = noiseFile
        options.telephoneBand.probability = telephoneBand
        options.telephoneBand.rate = telephoneBandRate
        options.vocalTractLength.probability = vocalTractLength
        (options.vocalTractLength.minFactor, options.vocalTractLength.maxFactor) =
            Self.range(vtlpRange) ?? (options.vocalTractLength.minFactor, options.vocalTractLength.maxFactor)
        options.specAugment.probability = specAugment
        options.specAugment.maxTimeWidth = timeMaskWidth
        options.specAugment.maxFrequencyWidth = frequencyMaskWidth
        options.concatenation.probability = concatenation
        options.noiseOnly.probability = noiseOnly
        return options
    }
}
