import Foundation
import EarshotNN
import Testing
import Earshot
import EarshotFeatures
@testable import EarshotTraining

@Suite struct AugmentationTests {
    /// A 440 Hz tone at 8 kHz, amplitude 0.3.
    private func tone(seconds: Double = 0.5, rate: Int = 8000) -> [Float] {
        (0..<Int(seconds * Double(rate))).map { Float(0.3 * sin(2 * Double.pi * 440 * Double($0) / Double(rate))) }
    }

    private func snr(clean: [Float], noisy: [Float]) -> Double {
        let noise = zip(noisy, clean).map { $0 - $1 }
        return 10 * log10(AdditiveNoise.meanSquare(clean) / AdditiveNoise.meanSquare(noise))
    }

    @Test(arguments: AdditiveNoise.Color.allCases)
    func noiseAchievesTheDrawnSNR(color: AdditiveNoise.Color) {
        var generator = SplitMix64(seed: 7)
        let clean = tone()
        for target in [0.0, 5, 12.5, 30] {
            let noise = AdditiveNoise.generate(color, count: clean.count, using: &generator)
            #expect(abs(snr(clean: clean, noisy: AdditiveNoise.mix(clean, noise, snr: target)) - target) < 0.1)
        }
        var options = AdditiveNoise.Options()
        (options.minSNR, options.maxSNR, options.color) = (15, 15, color)
        let noisy = AdditiveNoise(options: options).apply(to: clean, using: &generator)
        #expect(abs(snr(clean: clean, noisy: noisy) - 15) < 0.1)
    }

    @Test func noiseFromRecordingsAchievesTheSNRAndSilenceStaysSilent() {
        var generator = SplitMix64(seed: 3)
        let hum = (0..<1000).map { Float(0.05 * sin(Double($0) * 0.3)) }
        var options = AdditiveNoise.Options()
        (options.minSNR, options.maxSNR) = (8, 8)
        let noise = AdditiveNoise(options: options, recordings: [hum])
        let clean = tone()
        #expect(abs(snr(clean: clean, noisy: noise.apply(to: clean, using: &generator)) - 8) < 0.1)
        let silence = [Float](repeating: 0, count: 100)
        #expect(noise.apply(to: silence, using: &generator) == silence)
    }

    @Test func pinkNoiseHasMoreLowThanHighFrequencyEnergy() {
        var generator = SplitMix64(seed: 1)
        let pink = AdditiveNoise.generate(.pink, count: 1 << 14, using: &generator)
        let white = AdditiveNoise.generate(.white, count: 1 << 14, using: &generator)
        // First differences emphasise high frequencies: their power relative to the signal's is far lower for pink.
        func highShare(_ x: [Float]) -> Double {
            AdditiveNoise.meanSquare(zip(x.dropFirst(), x).map { $0 - $1 }) / AdditiveNoise.meanSquare(x)
        }
        #expect(highShare(pink) < 0.5 * highShare(white))
    }

    @Test func speedPerturbationResamplesByTheFactor() {
        let ramp = (0..<101).map { Float($0) / 100 }
        let fast = SpeedPerturbation.resample(ramp, speed: 2)
        #expect(fast.count == 51)
        #expect(fast.enumerated().allSatisfy { abs($1 - Float(2 * $0) / 100) < 1e-6 })
        let slow = SpeedPerturbation.resample(ramp, speed: 0.5)
        #expect(slow.count == 201)
        #expect(abs(slow[1] - 0.005) < 1e-6)
        #expect(SpeedPerturbation.resample(ramp, speed: 1) == ramp)
        var generator = SplitMix64(seed: 5)
        let clip = tone()
        for _ in 0..<10 {
            let n = SpeedPerturbation().apply(to: clip, using: &generator).count
            #expect(n >= Int(Double(clip.count) / 1.1) - 1 && n <= Int(Double(clip.count) / 0.9) + 1)
        }
    }

    @Test func gainStaysWithinItsRangeAndNeverClips() {
        var generator = SplitMix64(seed: 9)
        let clip = tone()
        for _ in 0..<20 {
            let out = GainPerturbation().apply(to: clip, using: &generator)
            let ratio = Double(out[1] / clip[1])
            #expect(20 * log10(ratio) >= -6 - 1e-4 && 20 * log10(ratio) <= 6 + 1e-4)
        }
        var loud = GainPerturbation.Options()
        (loud.minDecibels, loud.maxDecibels) = (20, 20)
        let out = GainPerturbation(options: loud).apply(to: clip, using: &generator)
        #expect(abs(out.map(abs).max()! - 1) < 1e-6)
    }

    @Test func timeShiftPadsSilenceAndKeepsTheClip() {
        var generator = SplitMix64(seed: 11)
        let clip = (1...800).map { Float($0) / 1000 }
        let shift = TimeShift(sampleRate: 8000)
        var longestLead = 0
        for _ in 0..<10 {
            let out = shift.apply(to: clip, using: &generator)
            // The clip sits intact somewhere after at most 0.1 s of padding.
            let lead = (0...800).first { out[$0..<min($0 + clip.count, out.count)].elementsEqual(clip) }
            #expect(lead != nil)
            #expect(out.count - clip.count - (lead ?? 0) <= 800)
            #expect(out[..<(lead ?? 0)].allSatisfy { abs($0) < 0.01 }, "padding is faint")
            longestLead = max(longestLead, lead ?? 0)
        }
        #expect(longestLead > 400, "pads reach past half of 0.1 s")
    }

    @Test func silenceIsFaintNoiseWithinItsLevels() {
        var generator = SplitMix64(seed: 12)
        for _ in 0..<20 {
            let silence = Silence.make(4000, using: &generator)
            let level = 10 * log10(AdditiveNoise.meanSquare(silence))
            #expect(Silence.levels.lowerBound - 0.3 <= level && level <= Silence.levels.upperBound + 0.3, "\(level) dBFS")
        }
        #expect(Silence.make(0, using: &generator).isEmpty)
    }

    @Test func specAugmentMasksBandsWithinTheirLimits() {
        var generator = SplitMix64(seed: 13)
        let frames = 100, dims = 13
        var options = SpecAugment.Options()
        (options.timeMasks, options.frequencyMasks) = (1, 0)
        var values = [Float](repeating: 1, count: frames * dims)
        SpecAugment(options: options).apply(to: &values, frames: frames, dims: dims, using: &generator)
        let maskedFrames = (0..<frames).filter { t in (0..<dims).allSatisfy { values[t * dims + $0] == 0 } }
        #expect(maskedFrames.count <= options.maxTimeWidth)
        #expect(maskedFrames.count == (maskedFrames.last.map { $0 - maskedFrames[0] + 1 } ?? 0))
        #expect(values.count(where: { $0 == 0 }) == maskedFrames.count * dims)

        (options.timeMasks, options.frequencyMasks, options.maxFrequencyWidth) = (0, 1, 13)
        var masked = 0
        for _ in 0..<50 {
            values = [Float](repeating: 1, count: frames * dims)
            SpecAugment(options: options).apply(to: &values, frames: frames, dims: dims, using: &generator)
            let dimsMasked = (0..<dims).filter { d in (0..<frames).allSatisfy { values[$0 * dims + d] == 0 } }
            #expect(values.count(where: { $0 == 0 }) == dimsMasked.count * frames)
            masked = max(masked, dimsMasked.count)
        }
        #expect(masked > 3)
    }

    @Test func concatenationJoinsWithSilencesInRange() {
        var generator = SplitMix64(seed: 17)
        let concatenation = ClipConcatenation()
        let pieces: [[Float]] = [[Float](repeating: 0.5, count: 100), [Float](repeating: -0.5, count: 50), [Float](repeating: 0.25, count: 10)]
        let joined = concatenation.join(pieces, sampleRate: 8000, using: &generator)
        let gaps = joined.count - 160
        #expect(gaps >= 2 * 800 && gaps <= 2 * 2400)
        #expect(joined.prefix(100).allSatisfy { $0 == 0.5 } && joined.suffix(10).allSatisfy { $0 == 0.25 })
        let between = joined.dropFirst(100).dropLast(10)
        #expect(between.count(where: { $0 == -0.5 }) == 50, "the middle clip is intact")
        #expect(between.allSatisfy { $0 == -0.5 || abs($0) < 0.01 }, "the rest is faint silence")
        for _ in 0..<20 {
            let group = concatenation.drawSequence(from: 7, using: &generator)
            #expect((2...7).contains(group.count) && group.allSatisfy { (0..<7).contains($0) })
        }
    }

    @Test func noiseOnlyItemsHaveLengthAndLevelInRange() {
        var generator = SplitMix64(seed: 23)
        let recording = (0..<3000).map { Float(sin(Double($0) * 0.3)) }
        for items in [NoiseOnlyItems(), NoiseOnlyItems(recordings: [recording])] {
            for _ in 0..<20 {
                let audio = items.make(sampleRate: 8000, using: &generator)
                #expect((4000...20000).contains(audio.count))
                // RMS in dBFS within [-65, -20]
                let decibels = 10 * log10(AdditiveNoise.meanSquare(audio))
                #expect(decibels >= -65.01 && decibels <= -19.99, "\(decibels) dBFS")
            }
        }
        #expect(NoiseOnlyItems().count(forClips: 400) == 20)
    }

    @Test func optionsSavedBeforeNoiseOnlyItemsLoadWithThemOff() throws {
        let saved = try JSONEncoder().encode(AugmentationOptions())
        var object = try #require(try JSONSerialization.jsonObject(with: saved) as? [String: Any])
        #expect(object.removeValue(forKey: "noiseOnly") != nil)
        let old = try JSONDecoder().decode(AugmentationOptions.self, from: JSONSerialization.data(withJSONObject: object))
        #expect(old.noiseOnly.probability == 0)
        #expect(old.concatenation == AugmentationOptions().concatenation)
        #expect(try JSONDecoder().decode(AugmentationOptions.self, from: saved) == AugmentationOptions())
    }

    @Test func augmenterIsSeededAndStaysInRange() {
        let augmenter = WaveformAugmenter(options: AugmentationOptions(), sampleRate: 8000)
        let clip = tone().map { $0 * 3 }
        var a = SplitMix64(seed: 42), b = SplitMix64(seed: 42)
        let outputs = (0..<5).map { _ in augmenter.apply(to: clip, using: &a) }
        #expect(outputs == (0..<5).map { _ in augmenter.apply(to: clip, using: &b) })
        #expect(outputs.allSatisfy { $0.allSatisfy { abs($0) <= 1 } })
        #expect(Set(outputs.map(\.count)).count > 1)
        var c = SplitMix64(seed: 42)
        let off = WaveformAugmenter(options: .none, sampleRate: 8000)
        #expect(off.apply(to: tone(), using: &c) == tone())
    }

    /// 16 kHz through an 8 kHz channel: a 6 kHz tone is gone (below -60 dB), a 1 kHz tone passes
    /// within 0.1 dB, the length stays; an 8 kHz clip is already that narrow and is left alone.
    @Test func telephoneBandRemovesWhatATelephoneCannotCarry() {
        func tone(_ hertz: Double) -> [Float] {
            (0..<16_000).map { Float(0.3 * sin(2 * Double.pi * hertz * Double($0) / 16_000)) }
        }
        func energy(_ x: [Float]) -> Double { x[2000..<14_000].reduce(0) { $0 + Double($1 * $1) } }
        var options = TelephoneBand.Options()
        options.probability = 1
        let band = TelephoneBand(options: options, sampleRate: 16_000)
        let high = band.apply(to: tone(6000)), low = band.apply(to: tone(1000))
        #expect(high.count == 16_000 && low.count == 16_000)
        #expect(10 * log10(energy(high) / energy(tone(6000))) < -60)
        #expect(abs(10 * log10(energy(low) / energy(tone(1000)))) < 0.1)
        let narrow = self.tone(rate: 8000)
        #expect(TelephoneBand(options: options, sampleRate: 8000).apply(to: narrow) == narrow)
    }

    /// The simulated room: a direct path of 1, then a tail holding 10^(−DRR/10) of its energy that
    /// decays 60 dB per RT60 (18 dB between the windows 0.1–0.2 and 0.4–0.5 RT60 apart by 0.3 RT60).
    @Test func roomImpulseResponseHasItsDirectToReverberantRatioAndDecay() {
        let reverb = RoomReverb(sampleRate: 16_000)
        var generator = SplitMix64(seed: 7)
        let h = reverb.impulseResponse(rt60: 0.5, drr: 6, using: &generator)
        #expect(h.count == 8000 && h[0] == 1)
        let tail = RoomReverb.energy(Array(h.dropFirst()))
        #expect(abs(10 * log10(1 / tail) - 6) < 0.01)
        func energy(_ from: Double, _ to: Double) -> Double { RoomReverb.energy(Array(h[Int(from * 8000)..<Int(to * 8000)])) }
        let decay = 10 * log10(energy(0.1, 0.2) / energy(0.4, 0.5))
        #expect(abs(decay - 18) < 1.5, "decay \(decay) dB")
    }

    /// A reverberated clip keeps its length and RMS level, is smeared in time (energy after the
    /// tone stops), and the same seed gives the same room.
    @Test func reverbKeepsLengthAndLevelAndSmearsTheClip() {
        var options = RoomReverb.Options()
        (options.probability, options.minRT60, options.maxRT60, options.minDRR, options.maxDRR) = (1, 0.4, 0.4, 0, 0)
        let reverb = RoomReverb(options: options, sampleRate: 8000)
        let clip = tone(seconds: 0.5) + [Float](repeating: 0, count: 2000)
        var a = SplitMix64(seed: 3), b = SplitMix64(seed: 3)
        let wet = reverb.apply(to: clip, using: &a)
        #expect(wet == reverb.apply(to: clip, using: &b))
        #expect(wet.count == clip.count)
        #expect(abs(RoomReverb.energy(wet) / RoomReverb.energy(clip) - 1) < 1e-4)
        let after = RoomReverb.energy(Array(wet[4100..<4900])) / RoomReverb.energy(Array(wet[..<4000]))
        #expect(after > 1e-3, "the tail after the tone holds \(after) of the energy")
    }

    /// VTLP draws a factor in its range in steps of 0.01, and nothing at all when off; a range the
    /// features cannot warp (vtln-low below low-freq) is refused before training.
    @Test func vocalTractLengthDrawsWithinItsRange() throws {
        var options = VocalTractLengthPerturbation.Options()
        options.probability = 1
        var generator = SplitMix64(seed: 1)
        let draws = (0..<500).map { _ in VocalTractLengthPerturbation(options: options).drawHundredths(using: &generator) }
        #expect(draws.allSatisfy { (90...110).contains($0) } && Set(draws).count == 21)
        options.probability = 0
        var a = SplitMix64(seed: 1), b = SplitMix64(seed: 1)
        #expect(VocalTractLengthPerturbation(options: options).drawHundredths(using: &a) == 100)
        #expect(a.next() == b.next())
        var fbank = FbankOptions()
        fbank.mel.lowFreq = 150
        options.probability = 0.5
        #expect(throws: FeatureOptionsError.self) { try VocalTractLengthPerturbation(options: options).check(.fbank(fbank)) }
        try VocalTractLengthPerturbation(options: options).check(.fbank(FbankOptions()))
    }

    @Test func optionsRoundTripThroughJSON() throws {
        var options = AugmentationOptions()
        options.noise.color = .white
        options.speed.maxFactor = 1.2
        options.telephoneBand.probability = 0.3
        let decoded = try JSONDecoder().decode(AugmentationOptions.self, from: JSONEncoder().encode(options))
        #expect(decoded == options)
    }
}
