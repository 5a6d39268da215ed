import EarshotAudio
import EarshotTestSupport
import Foundation
import Testing

@testable import EarshotFeatures

/// The golden files of `Tests/Fixtures/golden/mfcc/` (torchaudio's Kaldi code in float64), matched
/// within the tolerances their README derives from float32 implementations.
struct GoldenFeatureTests {
    /// Golden file and absolute tolerance (README: 8 kHz MFCC 1e-3, 16 kHz MFCC 2e-2, 8 kHz fbank
    /// 1e-4, 16 kHz fbank 5e-3: the weak bins above 4 kHz of the upsampled file).
    static let cases: [(file: String, tolerance: Float)] = [
        ("mfcc_8k_0_jackson_5.json", 1e-3),
        ("mfcc_8k_7_nicolas_20.json", 1e-3),
        ("mfcc_8k_9_yweweler_49.json", 1e-3),
        ("mfcc_16k_0_jackson_5.json", 2e-2),
        ("fbank_8k_9_yweweler_49.json", 1e-4),
        ("fbank_16k_vtln_0.9_0_jackson_5.json", 5e-3),
        ("fbank_16k_vtln_1.1_0_jackson_5.json", 5e-3),
    ]

    /// Our options from the golden file's torchaudio arguments.
    static func featureOptions(_ golden: [String: Any]) throws -> FeatureOptions {
        let o = try #require(golden["options"] as? [String: Any])
        func number(_ key: String) throws -> Float { Float(try #require(o[key] as? Double)) }
        func flag(_ key: String) throws -> Bool { try #require(o[key] as? Bool) }
        var frame = FrameExtractionOptions()
        frame.sampleFrequency = try number("sample_frequency")
        frame.frameLengthMs = try number("frame_length")
        frame.frameShiftMs = try number("frame_shift")
        frame.dither = try number("dither")
        frame.preemphasisCoefficient = try number("preemphasis_coefficient")
        frame.removeDcOffset = try flag("remove_dc_offset")
        let windowName = try #require(o["window_type"] as? String)
        frame.windowType = try #require(WindowType(rawValue: windowName))
        frame.blackmanCoeff = try number("blackman_coeff")
        frame.roundToPowerOfTwo = try flag("round_to_power_of_two")
        frame.snipEdges = try flag("snip_edges")
        var mel = MelBanksOptions()
        mel.numBins = try #require(o["num_mel_bins"] as? Int)
        mel.lowFreq = try number("low_freq")
        mel.highFreq = try number("high_freq")
        mel.vtlnLow = try number("vtln_low")
        mel.vtlnHigh = try number("vtln_high")
        if let numCeps = o["num_ceps"] as? Int {
            var mfcc = MfccOptions()
            (mfcc.frame, mfcc.mel, mfcc.numCeps) = (frame, mel, numCeps)
            mfcc.cepstralLifter = try number("cepstral_lifter")
            mfcc.useEnergy = try flag("use_energy")
            mfcc.rawEnergy = try flag("raw_energy")
            mfcc.energyFloor = try number("energy_floor")
            mfcc.htkCompat = try flag("htk_compat")
            return .mfcc(mfcc)
        }
        var fbank = FbankOptions()
        (fbank.frame, fbank.mel) = (frame, mel)
        fbank.useEnergy = try flag("use_energy")
        fbank.rawEnergy = try flag("raw_energy")
        fbank.energyFloor = try number("energy_floor")
        fbank.htkCompat = try flag("htk_compat")
        fbank.useLogFbank = try flag("use_log_fbank")
        fbank.usePower = try flag("use_power")
        return .fbank(fbank)
    }

    @Test(arguments: cases)
    func matchesGolden(file: String, tolerance: Float) throws {
        let golden = try GoldenJSON.load("mfcc/" + file)
        let options = try Self.featureOptions(golden)
        let wav = Fixtures.root.appendingPathComponent(try #require(golden["wav"] as? String)).path
        let audio = try AudioReader.read(wav)
        #expect(audio.sampleRate == options.sampleRate)
        #expect(audio.samples.count == golden["wav_num_samples"] as? Int)

        let vtlnWarp = Float(try #require((golden["options"] as? [String: Any])?["vtln_warp"] as? Double))
        let features = try Featurizer(options, vtlnWarp: vtlnWarp).compute(audio.samples)
        #expect(features.frames == golden["frames"] as? Int)
        #expect(features.dims == golden["dims"] as? Int)
        #expect(Featurizer.frameCount(sampleCount: audio.samples.count, options: options) == features.frames)
        let expected = try GoldenJSON.flatFloats(try #require(golden["values"]))
        try #require(features.values.count == expected.count)
        let worst = zip(features.values, expected).map { abs($0 - $1) }.max() ?? 0
        print("\(file): max |diff| = \(worst)")
        #expect(worstToleranceExcess(features.values, expected, atol: tolerance, rtol: 0) == 0)
    }
}
