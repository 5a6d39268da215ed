import EarshotFeatures
import Foundation
import Testing

@testable import Earshot

/// Frame levels in dB: `base` everywhere, `speech` dB over the given frame ranges.
private func levels(_ count: Int, base: Float = -80, speech: [ClosedRange<Int>], at level: Float = -20) -> [Float] {
    (0..<count).map { t in speech.contains { $0.contains(t) } ? level : base }
}

/// Frame levels of words spoken without pauses between digital silence: each word rises linearly
/// from −35 dB at its edges to −15 dB at its middle, so the troughs are where words meet.
private func connectedSpeech(_ count: Int, words: [ClosedRange<Int>]) -> [Float] {
    (0..<count).map { t in
        guard let word = words.first(where: { $0.contains(t) }) else { return -100 }
        let (middle, half) = (Float(word.lowerBound + word.upperBound) / 2, Float(word.count) / 2)
        return -15 - 20 * abs(Float(t) - middle) / half
    }
}

@Suite struct SpeechExtentTests {
    @Test func aLateEmissionTakesTheSpeechBeforeIt() {
        #expect(SpeechExtent.widen([27...28], levels: levels(40, speech: [5...24])) == [5...24])
    }

    @Test func anEmissionInsideSpeechTakesItsSegment() {
        #expect(SpeechExtent.widen([10...10], levels: levels(40, speech: [5...14])) == [5...14])
    }

    @Test func wordsSeparatedBySilenceTakeTheirOwnSegments() {
        let spans = SpeechExtent.widen([13...13, 36...36], levels: levels(45, speech: [5...14, 25...34]))
        #expect(spans == [5...14, 25...34])
    }

    @Test func backgroundNoiseIsNotSpeech() {
        // Noise at −45 dB: the threshold is max(−20 − 40, −45 + 6) = −39 dB.
        #expect(SpeechExtent.widen([18...18], levels: levels(40, base: -45, speech: [10...19])) == [10...19])
    }

    @Test func aDipInsideAWordDoesNotSplitIt() {
        #expect(SpeechExtent.widen([12...12], levels: levels(40, speech: [5...10, 17...20])) == [5...20])
    }

    /// Connected words as the shipped model emits them: near each word's start, the first one
    /// before its speech. Each word gets its own speech, to within the frame where two words meet.
    @Test func connectedWordsArePartedWhereTheyMeet() {
        let words = [8...37, 38...69, 70...120]
        let spans = SpeechExtent.widen([0...0, 36...39, 74...75], levels: connectedSpeech(128, words: words))
        #expect(spans.count == words.count)
        for (span, word) in zip(spans, words) {
            #expect(abs(span.lowerBound - word.lowerBound) <= 1 && abs(span.upperBound - word.upperBound) <= 1, "\(spans)")
        }
    }

    @Test func withoutContrastEmissionsStay() {
        #expect(SpeechExtent.widen([3...4], levels: Array(repeating: -30, count: 10)) == [3...4])
    }

    /// A sine of amplitude a has mean square a²/2 over whole periods.
    @Test func frameLevelIsTheMeanSquareInDecibels() {
        let samples = (0..<800).map { 0.5 * sin(2 * Float.pi * 400 * Float($0) / 8000) }  // 20-sample period
        let timing = FrameTiming(.eightKilohertz())
        let frameLevels = SpeechExtent.frameLevels(samples, timing: timing, frames: 8)
        let expected = 10 * log10(Float(0.25 / 2))
        #expect(frameLevels.allSatisfy { abs($0 - expected) < 1e-3 }, "\(frameLevels)")
    }
}
