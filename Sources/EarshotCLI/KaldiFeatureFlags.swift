import ArgumentParser
import EarshotFeatures
import EarshotTraining

extension WindowType: ExpressibleByArgument {}
extension FeatureFileFormat: ExpressibleByArgument {}
extension CMVNMode: ExpressibleByArgument {}

/// Feature type and options, spelled as Kaldi's `compute-mfcc-feats` / `compute-fbank-feats`
/// (`--num-mel-bins=40 --snip-edges=false`). Unset flags keep the library's defaults.
struct KaldiFeatureFlags: ParsableArguments {
    enum Kind: String, ExpressibleByArgument, CaseIterable { case mfcc, fbank }

    private static let frame = FrameExtractionOptions()
    private static let mfcc = MfccOptions()
    private static let fbank = FbankOptions()

    @Option(name: .customLong("type"), help: "Features: mfcc (cepstra) or fbank (log mel energies) (default: mfcc).")
    var givenKind: Kind?
    /// `--type`, mfcc when not given.
    var kind: Kind { givenKind ?? .mfcc }

    @Option(help: "Sampling rate in Hz; the audio is resampled to it (default: the file's own rate).")
    var sampleFrequency: Float?
    @Option(help: "Frame length in ms (default \(frame.frameLengthMs)).")
    var frameLength: Float?
    @Option(help: "Frame shift in ms (default \(frame.frameShiftMs)).")
    var frameShift: Float?
    @Option(help: "Std. deviation of Gaussian dither on the int16 scale, seeded per frame; 0 = off (default \(frame.dither) for features, \(FrameExtractionOptions.trainingDither) for train).")
    var dither: Float?
    @Option(help: "Seed of the dither noise (default \(frame.ditherSeed)).")
    var ditherSeed: UInt64?
    @Option(help: "Pre-emphasis y[j] = x[j] - c x[j-1]; 0 = off (default \(frame.preemphasisCoefficient)).")
    var preemphasisCoefficient: Float?
    @Option(help: "Subtract each frame's mean, true/false (default \(frame.removeDcOffset)).")
    var removeDcOffset: Bool?
    @Option(help: "Window: \(WindowType.allCases.map(\.rawValue).joined(separator: ", ")) (default \(frame.windowType.rawValue)).")
    var windowType: WindowType?
    @Option(help: "Constant of the blackman window (default \(frame.blackmanCoeff)).")
    var blackmanCoeff: Float?
    @Option(help: "Zero-pad frames to a power of two for the FFT, true/false (default \(frame.roundToPowerOfTwo)).")
    var roundToPowerOfTwo: Bool?
    @Option(help: "true: only whole frames; false: frames centred on shifts, ends reflected (default \(frame.snipEdges)).")
    var snipEdges: Bool?
    @Option(help: "Number of triangular mel bins (default \(mfcc.mel.numBins)).")
    var numMelBins: Int?
    @Option(help: "Low edge of the mel bins in Hz (default \(mfcc.mel.lowFreq)).")
    var lowFreq: Float?
    @Option(help: "High edge in Hz; <= 0 means Nyquist + value (default \(mfcc.mel.highFreq)).")
    var highFreq: Float?
    @Option(help: "mfcc: cepstra kept, C0 included (default \(mfcc.numCeps)).")
    var numCeps: Int?
    @Option(help: "mfcc: lifter Q, c_k *= 1 + Q/2 sin(pi k/Q); 0 = off (default \(mfcc.cepstralLifter)).")
    var cepstralLifter: Float?
    @Option(help: "mfcc: log energy replaces C0; fbank: adds a log-energy column, true/false (default \(mfcc.useEnergy)).")
    var useEnergy: Bool?
    @Option(help: "Energy before pre-emphasis and window, true/false (default \(mfcc.rawEnergy)).")
    var rawEnergy: Bool?
    @Option(help: "Floor on the energy when --use-energy; 0 = none (default \(mfcc.energyFloor)).")
    var energyFloor: Float?
    @Option(help: "HTK order: energy or C0 last, true/false (default \(mfcc.htkCompat)).")
    var htkCompat: Bool?
    @Option(help: "fbank: natural log of the mel energies, true/false (default \(fbank.useLogFbank)).")
    var useLogFbank: Bool?
    @Option(help: "fbank: power spectrum (false: magnitude), true/false (default \(fbank.usePower)).")
    var usePower: Bool?

    func validate() throws {
        if kind == .fbank, numCeps != nil || cepstralLifter != nil {
            throw ValidationError("--num-ceps and --cepstral-lifter apply to --type mfcc only")
        }
        if kind == .mfcc, useLogFbank != nil || usePower != nil {
            throw ValidationError("--use-log-fbank and --use-power apply to --type fbank only")
        }
        if let sampleFrequency, sampleFrequency <= 0 || sampleFrequency != sampleFrequency.rounded() {
            throw ValidationError("--sample-frequency must be a positive whole number of Hz")
        }
    }

    /// The options these flags describe for audio at `sampleRate` Hz (unless `--sample-frequency`),
    /// Kaldi's framing defaults for unset flags.
    func featureOptions(fileSampleRate sampleRate: Int) throws -> FeatureOptions {
        var frame = FrameExtractionOptions()
        frame.sampleFrequency = Float(sampleRate)
        return try featureOptions(frame: frame)
    }

    /// The options these flags describe, `base` framing for unset flags: with no flags,
    /// `.mfcc` with Kaldi's defaults and `base`.
    func featureOptions(frame base: FrameExtractionOptions) throws -> FeatureOptions {
        var frame = base
        set(&frame.sampleFrequency, sampleFrequency)
        set(&frame.frameLengthMs, frameLength)
        set(&frame.frameShiftMs, frameShift)
        set(&frame.dither, dither)
        set(&frame.ditherSeed, ditherSeed)
        set(&frame.preemphasisCoefficient, preemphasisCoefficient)
        set(&frame.removeDcOffset, removeDcOffset)
        set(&frame.windowType, windowType)
        set(&frame.blackmanCoeff, blackmanCoeff)
        set(&frame.roundToPowerOfTwo, roundToPowerOfTwo)
        set(&frame.snipEdges, snipEdges)
        var mel = MelBanksOptions()
        set(&mel.numBins, numMelBins)
        set(&mel.lowFreq, lowFreq)
        set(&mel.highFreq, highFreq)
        let options: FeatureOptions
        switch kind {
        case .mfcc:
            var o = MfccOptions()
            (o.frame, o.mel) = (frame, mel)
            set(&o.numCeps, numCeps)
            set(&o.cepstralLifter, cepstralLifter)
            set(&o.useEnergy, useEnergy)
            set(&o.rawEnergy, rawEnergy)
            set(&o.energyFloor, energyFloor)
            set(&o.htkCompat, htkCompat)
            options = .mfcc(o)
        case .fbank:
            var o = FbankOptions()
            (o.frame, o.mel) = (frame, mel)
            set(&o.useEnergy, useEnergy)
            set(&o.rawEnergy, rawEnergy)
            set(&o.energyFloor, energyFloor)
            set(&o.htkCompat, htkCompat)
            set(&o.useLogFbank, useLogFbank)
            set(&o.usePower, usePower)
            options = .fbank(o)
        }
        try options.validate()
        return options
    }

    /// The flags given whose values differ from `model`'s features, each as `--flag VALUE differs
    /// from the model's VALUE`: with `train --init` the features come from the model.
    func conflicts(with model: FeatureOptions) -> [String] {
        var found: [String] = []
        func check<T: Equatable>(_ flag: String, _ given: T?, _ actual: T?) {
            guard let given, given != actual else { return }
            found.append(
                actual.map { "--\(flag) \(given) differs from the model's \($0)" }
                    ?? "--\(flag) does not apply to the model's \(modelKind) features")
        }
        let modelKind: Kind
        var mfcc: MfccOptions?, fbank: FbankOptions?
        switch model {
        case .mfcc(let o): (modelKind, mfcc) = (.mfcc, o)
        case .fbank(let o): (modelKind, fbank) = (.fbank, o)
        }
        let frame = model.frameOptions, mel = model.melOptions
        check("type", givenKind?.rawValue, modelKind.rawValue)
        check("sample-frequency", sampleFrequency, frame.sampleFrequency)
        check("frame-length", frameLength, frame.frameLengthMs)
        check("frame-shift", frameShift, frame.frameShiftMs)
        check("dither", dither, frame.dither)
        check("dither-seed", ditherSeed, frame.ditherSeed)
        check("preemphasis-coefficient", preemphasisCoefficient, frame.preemphasisCoefficient)
        check("remove-dc-offset", removeDcOffset, frame.removeDcOffset)
        check("window-type", windowType?.rawValue, frame.windowType.rawValue)
        check("blackman-coeff", blackmanCoeff, frame.blackmanCoeff)
        check("round-to-power-of-two", roundToPowerOfTwo, frame.roundToPowerOfTwo)
        check("snip-edges", snipEdges, frame.snipEdges)
        check("num-mel-bins", numMelBins, mel.numBins)
        check("low-freq", lowFreq, mel.lowFreq)
        check("high-freq", highFreq, mel.highFreq)
        check("num-ceps", numCeps, mfcc?.numCeps)
        check("cepstral-lifter", cepstralLifter, mfcc?.cepstralLifter)
        check("use-energy", useEnergy, mfcc?.useEnergy ?? fbank?.useEnergy)
        check("raw-energy", rawEnergy, mfcc?.rawEnergy ?? fbank?.rawEnergy)
        check("energy-floor", energyFloor, mfcc?.energyFloor ?? fbank?.energyFloor)
        check("htk-compat", htkCompat, mfcc?.htkCompat ?? fbank?.htkCompat)
        check("use-log-fbank", useLogFbank, fbank?.useLogFbank)
        check("use-power", usePower, fbank?.usePower)
        return found
    }

    private func set<T>(_ field: inout T, _ value: T?) {
        if let value { field = value }
    }
}
