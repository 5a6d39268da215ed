import EarshotFeatures
import EarshotTestSupport
import Foundation
import Testing

/// Feature options stored in model files decode with their defaults for missing fields, so options
/// added later keep older files loading; the sample rate stays required.
@Suite struct StoredFeatureOptionsTests {
    static var frame: FrameExtractionOptions {
        var f = FrameExtractionOptions()
        (f.sampleFrequency, f.frameLengthMs, f.frameShiftMs, f.dither, f.ditherSeed) = (8000, 20, 5, 1, 3)
        (f.preemphasisCoefficient, f.removeDcOffset, f.windowType, f.blackmanCoeff) = (0.9, false, .hamming, 0.5)
        (f.roundToPowerOfTwo, f.snipEdges) = (false, false)
        return f
    }

    static var mel: MelBanksOptions {
        var m = MelBanksOptions()
        (m.numBins, m.lowFreq, m.highFreq, m.vtlnLow, m.vtlnHigh) = (40, 60, -400, 150, -600)
        return m
    }

    static var mfcc: MfccOptions {
        var o = MfccOptions()
        (o.frame, o.mel, o.numCeps, o.cepstralLifter) = (frame, mel, 20, 0)
        (o.useEnergy, o.energyFloor, o.rawEnergy, o.htkCompat) = (true, 1, false, true)
        return o
    }

    static var fbank: FbankOptions {
        var o = FbankOptions()
        (o.frame, o.mel, o.useEnergy, o.energyFloor) = (frame, mel, true, 1)
        (o.rawEnergy, o.htkCompat, o.useLogFbank, o.usePower) = (false, true, false, false)
        return o
    }

    @Test func everyFieldIsRead() throws {
        #expect(StoredOptions.unchangedFields(Self.frame, comparedWith: FrameExtractionOptions()) == [])
        #expect(StoredOptions.unchangedFields(Self.mel, comparedWith: MelBanksOptions()) == [])
        #expect(StoredOptions.unchangedFields(Self.mfcc, comparedWith: MfccOptions()) == [])
        #expect(StoredOptions.unchangedFields(Self.fbank, comparedWith: FbankOptions()) == [])
        #expect(try StoredOptions.roundTrip(Self.frame) == Self.frame)
        #expect(try StoredOptions.roundTrip(Self.mel) == Self.mel)
        #expect(try StoredOptions.roundTrip(Self.mfcc) == Self.mfcc)
        #expect(try StoredOptions.roundTrip(Self.fbank) == Self.fbank)
    }

    @Test func missingFieldsTakeTheDefaults() throws {
        let rate = #"{"sampleFrequency": 16000}"#
        #expect(try StoredOptions.decode(FrameExtractionOptions.self, json: rate) == FrameExtractionOptions())
        #expect(try StoredOptions.decode(MelBanksOptions.self, json: "{}") == MelBanksOptions())
        #expect(try StoredOptions.decode(MfccOptions.self, json: #"{"frame": \#(rate)}"#) == MfccOptions())
        #expect(try StoredOptions.decode(FbankOptions.self, json: #"{"frame": \#(rate)}"#) == FbankOptions())
        let fbank = #"{"type": "fbank", "options": {"frame": {"sampleFrequency": 8000}, "mel": {"numBins": 40}}}"#
        var expected = FbankOptions()
        (expected.frame.sampleFrequency, expected.mel.numBins) = (8000, 40)
        #expect(try StoredOptions.decode(FeatureOptions.self, json: fbank) == .fbank(expected))
    }

    @Test func theSampleRateIsRequired() {
        for json in [#"{"type": "mfcc", "options": {"frame": {"dither": 1}}}"#, #"{"type": "mfcc", "options": {}}"#] {
            do {
                _ = try StoredOptions.decode(FeatureOptions.self, json: json)
                Issue.record("decoded without a sample rate: \(json)")
            } catch {
                let expected = json.contains("dither") ? "options.frame.sampleFrequency" : "options.frame"
                #expect(describeDecodingError(error) == "missing field '\(expected)'")
            }
        }
    }
}
