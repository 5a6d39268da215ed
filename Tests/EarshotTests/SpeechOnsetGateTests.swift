import EarshotFeatures
import Testing

@testable import Earshot

@Suite struct SpeechOnsetGateTests {
    /// `quiet` frames at −90 dB, then frames at −25 dB.
    private func levels(quiet: Int, loud: Int = 20) -> [Float] {
        Array(repeating: -90, count: quiet) + Array(repeating: -25, count: loud)
    }

    @Test func opensAtTheFirstSpeechLessThePreRoll() {
        var gate = SpeechOnsetGate(options: StreamingOptions(), timing: FrameTiming(.eightKilohertz()))
        #expect(gate.judge(levels(quiet: 80)) == 70)
        #expect(gate.start == 70)
        #expect(gate.judge([-20]) == nil, "once open it stays open")
        var early = SpeechOnsetGate(options: StreamingOptions(), timing: FrameTiming(.eightKilohertz()))
        #expect(early.judge(levels(quiet: 4)) == 0, "speech at the start: the network starts at frame 0")
    }

    @Test func theDecisionDoesNotDependOnHowLevelsArrive() {
        let all = levels(quiet: 123)
        var whole = SpeechOnsetGate(options: StreamingOptions(), timing: FrameTiming(.eightKilohertz()))
        let expected = whole.judge(all)
        for piece in [1, 7, 50] {
            var gate = SpeechOnsetGate(options: StreamingOptions(), timing: FrameTiming(.eightKilohertz()))
            var opened: Int?
            for start in stride(from: 0, to: all.count, by: piece) where opened == nil {
                opened = gate.judge(Array(all[start..<min(all.count, start + piece)]))
            }
            #expect(opened == expected, "pieces of \(piece)")
        }
    }

    @Test func steadyNoiseAloneOpensOnlyAfterTheLongestWait() {
        var gate = SpeechOnsetGate(options: StreamingOptions(), timing: FrameTiming(.eightKilohertz()))
        // −50 dB hum with ±3 dB wobble: above the minimum, never 12 dB above its quietest frame
        let hum = (0..<400).map { Float(-50 + 3 * ($0 % 3 - 1)) }
        #expect(gate.judge(hum) == gate.maxWaitFrames - gate.preRollFrames)
        var faint = SpeechOnsetGate(options: StreamingOptions(), timing: FrameTiming(.eightKilohertz()))
        #expect(faint.judge(levels(quiet: 10, loud: 0) + [-60, -58]) == nil, "below the minimum level is not speech")
    }

    /// Offline, the frames before the gate's start less the final pass's lead are left out; none
    /// when speech starts at once, when nothing is speech, or when only the wait would open it.
    @Test func offlineSkipKeepsTheFinalPassLeadBeforeTheGate() {
        let timing = FrameTiming(.eightKilohertz())
        #expect(SpeechOnsetGate.offlineSkip(levels: levels(quiet: 80), timing: timing) == 70 - 30)
        #expect(SpeechOnsetGate.offlineSkip(levels: levels(quiet: 35), timing: timing) == 0)
        #expect(SpeechOnsetGate.offlineSkip(levels: levels(quiet: 500, loud: 0), timing: timing) == 0)
        let hum = (0..<400).map { Float(-50 + 3 * ($0 % 3 - 1)) }
        #expect(SpeechOnsetGate.offlineSkip(levels: hum, timing: timing) == 0)
    }
}
