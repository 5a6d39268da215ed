import Foundation
import Testing

@testable import EarshotFeatures

struct FeatureOptionsTests {
    /// Option combinations beyond the golden files' defaults.
    static var variants: [(name: String, options: FeatureOptions)] {
        var base = FrameExtractionOptions()
        base.sampleFrequency = 8000
        var variants: [(String, FeatureOptions)] = []

        var a = MfccOptions()
        a.frame = base
        (a.frame.windowType, a.frame.roundToPowerOfTwo, a.frame.snipEdges) = (.hamming, false, false)
        a.useEnergy = true
        variants.append(("hamming, FFT 200, reflected edges, raw energy", .mfcc(a)))

        var b = MfccOptions()
        b.frame = base
        b.frame.windowType = .hanning
        (b.useEnergy, b.rawEnergy, b.energyFloor, b.htkCompat) = (true, false, 1e8, true)
        variants.append(("hanning, windowed energy floored, htk order", .mfcc(b)))

        var c = MfccOptions()
        c.frame = base
        (c.frame.windowType, c.frame.frameLengthMs, c.frame.frameShiftMs) = (.sine, 32, 16)
        (c.mel.numBins, c.mel.lowFreq, c.mel.highFreq) = (15, 100, 3500)
        (c.numCeps, c.cepstralLifter, c.htkCompat) = (15, 0, true)
        variants.append(("sine, 32/16 ms, no lifter, htk C0", .mfcc(c)))

        var d = FbankOptions()
        d.frame = base
        d.frame.windowType = .rectangular
        (d.useEnergy, d.htkCompat, d.usePower) = (true, true, false)
        variants.append(("rectangular, magnitude, energy last", .fbank(d)))

        var e = FbankOptions()
        e.frame = base
        (e.frame.windowType, e.frame.blackmanCoeff, e.frame.removeDcOffset) = (.blackman, 0.4, false)
        (e.frame.preemphasisCoefficient, e.useEnergy, e.mel.numBins) = (0, true, 40)
        variants.append(("blackman, no DC removal or pre-emphasis, energy first", .fbank(e)))

        var f = FbankOptions()
        f.frame = base
        f.useLogFbank = false
        variants.append(("linear mel energies", .fbank(f)))
        return variants
    }

    @Test(arguments: variants)
    func matchesFloat64Reference(name: String, options: FeatureOptions) throws {
        let samples = Array(try TestSignals.fsdd("9_yweweler_49").prefix(2000))
        let features = try Featurizer(options).compute(samples)
        let reference = ReferenceFeatures.compute(samples, options)
        #expect(features.frames == reference.count)
        #expect(features.dims == options.dimension)
        #expect(reference.allSatisfy { $0.count == options.dimension })
        // Float32 FFT rounding is relative to the frame's largest component: 2e-3 absolute in the
        // log domain (MFCC values reach ~100), 1e-4 relative for linear energies.
        var linear = false
        if case .fbank(let o) = options { linear = !o.useLogFbank }
        let expected = reference.flatMap { $0.map(Float.init) }
        let excess = worstExcess(features.values, expected, atol: linear ? 0 : 2e-3, rtol: linear ? 1e-4 : 0)
        #expect(excess == 0, "\(name)")
    }

    func worstExcess(_ a: [Float], _ b: [Float], atol: Float, rtol: Float) -> Float {
        zip(a, b).map { abs($0 - $1) - atol - rtol * abs($1) }.max().map { max($0, 0) } ?? 0
    }

    @Test func codableFormIsStableAndRoundTrips() throws {
        let options = Self.variants.map(\.options)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        for o in options {
            let data = try encoder.encode(o)
            #expect(try JSONDecoder().decode(FeatureOptions.self, from: data) == o)
        }
        let json = String(decoding: try encoder.encode(FeatureOptions.mfcc(MfccOptions())), as: UTF8.self)
        #expect(json.hasPrefix(#"{"options":{"cepstralLifter":22,"energyFloor":0,"frame":{"#))
        #expect(json.contains(#""windowType":"povey""#) && json.hasSuffix(#""type":"mfcc"}"#))
    }

    @Test func derivedSizesFollowKaldi() {
        var f = FrameExtractionOptions()
        #expect((f.frameLength, f.frameShift, f.paddedFrameLength) == (400, 160, 512))
        f.sampleFrequency = 8000
        #expect((f.frameLength, f.frameShift, f.paddedFrameLength) == (200, 80, 256))
        #expect(f.frameCount(sampleCount: 199) == 0 && f.frameCount(sampleCount: 200) == 1)
        f.snipEdges = false
        #expect(f.frameCount(sampleCount: 39) == 0 && f.frameCount(sampleCount: 40) == 1)
        #expect(f.frameStart(0) == -60)
        #expect(FeatureOptions.fbank(FbankOptions()).dimension == 23)
        #expect(FeatureOptions.mfcc(MfccOptions()).sampleRate == 16000)
    }

    @Test func invalidOptionsThrowOneLineErrors() {
        var high = MfccOptions()
        high.mel.highFreq = 9000
        var ceps = MfccOptions()
        ceps.numCeps = 30
        var short = FbankOptions()
        short.frame.frameLengthMs = 0.05
        for options in [FeatureOptions.mfcc(high), .mfcc(ceps), .fbank(short)] {
            #expect(throws: FeatureOptionsError.self) { try Featurizer(options) }
            do { _ = try Featurizer(options) } catch {
                #expect(!error.description.contains("\n") && error.description.hasPrefix("feature options: "))
            }
        }
    }

    /// A VTLN warp needs a positive factor and low-freq < vtln-low < vtln-high < high-freq; the
    /// cut-offs do not matter without one. (The warped banks' values are in GoldenFeatureTests.)
    @Test func vtlnWarpIsChecked() throws {
        var options = FbankOptions()
        options.mel.vtlnLow = 10  // below low-freq (20 Hz)
        _ = try Featurizer(.fbank(options))
        #expect(throws: FeatureOptionsError.self) { try Featurizer(.fbank(options), vtlnWarp: 1.1) }
        options.mel.vtlnLow = 100
        options.mel.vtlnHigh = 7900  // just below high-freq (Nyquist, 8000 Hz) is fine, above it is not
        _ = try Featurizer(.fbank(options), vtlnWarp: 0.9)
        options.mel.vtlnHigh = 8100
        #expect(throws: FeatureOptionsError.self) { try Featurizer(.fbank(options), vtlnWarp: 0.9) }
        for factor: Float in [0, -1, .nan, .infinity] {
            #expect(throws: FeatureOptionsError.self) { try Featurizer(.fbank(FbankOptions()), vtlnWarp: factor) }
        }
    }

    /// Warping by w > 1 moves the bins' corners down in frequency (F(f) = f / w in mid-band): a
    /// tone's energy lands in a higher-numbered bin than without the warp.
    @Test func warpAboveOneMovesEnergyToHigherBins() throws {
        let tone = (0..<16000).map { Float(0.5 * sin(2 * Double.pi * 1000 * Double($0) / 16000)) }
        func loudestBin(_ warp: Float) throws -> Int {
            let features = try Featurizer(.fbank(FbankOptions()), vtlnWarp: warp).compute(tone)
            let row = Array(features.values[(features.frames / 2) * features.dims ..< (features.frames / 2 + 1) * features.dims])
            return row.indices.max { row[$0] < row[$1] }!
        }
        #expect(try loudestBin(1.2) > loudestBin(1))
        #expect(try loudestBin(0.8) < loudestBin(1))
    }

    @Test func ditherIsSeededAndChangesValues() throws {
        let samples = Array(try TestSignals.fsdd().prefix(2000))
        var o = MfccOptions()
        o.frame.sampleFrequency = 8000
        let clean = try Featurizer(.mfcc(o)).compute(samples)
        o.frame.dither = 1
        let first = try Featurizer(.mfcc(o)).compute(samples)
        let again = try Featurizer(.mfcc(o)).compute(samples)
        o.frame.ditherSeed = 99
        let otherSeed = try Featurizer(.mfcc(o)).compute(samples)
        #expect(first == again)
        #expect(first != clean && first != otherSeed)
        // Noise of σ = 1 on int16-scale speech moves most cepstra only slightly (quiet frames more).
        let changes = zip(first.values, clean.values).map { abs($0 - $1) }.sorted()
        #expect(changes.last! > 0 && changes.last! < 5)
        #expect(changes[changes.count / 2] < 0.1)
    }
}
