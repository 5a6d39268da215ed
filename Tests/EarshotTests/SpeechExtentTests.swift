import Foundation
import Testing

@testable import Earshot

/// Frame levels in dB: `base` everywhere, `speech` dB over the given frame ranges.
private func levels(_ count: Int, base: Float = -80, speech: [ClosedRange<Int>], at level: Float = -20) -> [Float] {
    (0..<count).map { t in speech.contains { $0.contains(t) } ? level : base }
}

@Suite struct SpeechExtentTests {
    @Test func aLateEmissionTakesTheSpeechBeforeIt() {
        #expect(SpeechExtent.widen([27...28], levels: levels(40, speech: [5...24])) == [5...28])
    }

    @Test func anEmissionInsideSpeechTakesItsSegment() {
        #expect(SpeechExtent.widen([10...10], levels: levels(40, speech: [5...14])) == [5...14])
    }

    @Test func wordsSeparatedBySilenceTakeTheirOwnSegments() {
        let spans = SpeechExtent.widen([13...13, 36...36], levels: levels(45, speech: [5...14, 25...34]))
        #expect(spans == [5...14, 25...36])
    }

    @Test func backgroundNoiseIsNotSpeech() {
        // Noise at −45 dB: the threshold is max(−20 − 30, −45 + 6) = −39 dB.
        #expect(SpeechExtent.widen([18...18], levels: levels(40, base: -45, speech: [10...19])) == [10...19])
    }

    @Test func shortDipsAreBridgedLongGapsAreNot() {
        let bridged = SpeechExtent.voicedSegments(levels(40, speech: [5...10, 14...20]))
        #expect(bridged == [5...20])
        let apart = SpeechExtent.voicedSegments(levels(40, speech: [5...10, 17...20]))
        #expect(apart == [5...10, 17...20])
    }

    @Test func withoutContrastEmissionsStay() {
        #expect(SpeechExtent.widen([3...4], levels: Array(repeating: -30, count: 10)) == [3...4])
    }

    /// A sine of amplitude a has mean square a²/2 over whole periods.
    @Test func frameLevelIsTheMeanSquareInDecibels() {
        let samples = (0..<800).map { 0.5 * sin(2 * Float.pi * 400 * Float($0) / 8000) }  // 20-sample period
        let timing = FrameTiming(sampleRate: 8000, shift: 80, length: 200)
        let frameLevels = SpeechExtent.frameLevels(samples, timing: timing, frames: 8)
        let expected = 10 * log10(Float(0.25 / 2))
        #expect(frameLevels.allSatisfy { abs($0 - expected) < 1e-3 }, "\(frameLevels)")
    }
}
