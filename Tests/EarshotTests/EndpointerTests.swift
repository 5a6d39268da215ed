import EarshotFeatures
import Foundation
import Testing

@testable import Earshot

@Suite struct EndpointerTests {
    /// A frame: log y_t(blank) and level in dB.
    typealias Frame = (blank: Float, level: Float)
    static let speech: Frame = (log(0.3), -20)  // a spike: blank posterior 0.3
    static let voiced: Frame = (log(0.99), -20)  // blank, but loud: the rest of a word
    static let silence: Frame = (log(0.99), -60)  // blank and at the noise floor
    /// 500 ms of trailing silence (50 frames), the figure the frame counts below assume.
    static let options: EndpointOptions = {
        var options = EndpointOptions()
        options.trailingSilenceMilliseconds = 500
        return options
    }()

    /// The decisions that are not `.continue`, with their frame indexes.
    static func endpoints(_ frames: [Frame], options: EndpointOptions = Self.options) -> [(Int, Endpointer.Decision)] {
        var endpointer = Endpointer(options: options, timing: FrameTiming(.eightKilohertz()))
        return frames.enumerated().compactMap { t, frame in
            let decision = endpointer.advance(blankLogProbability: frame.blank, level: frame.level)
            return decision == .continue ? nil : (t, decision)
        }
    }

    static func run(_ parts: [(Frame, Int)]) -> [Frame] { parts.flatMap { Array(repeating: $0.0, count: $0.1) } }

    @Test func speechThenTrailingSilenceEndsTheUtterance() {
        // 20 silent, 30 speech, 80 silent (500 ms = 50 frames), 10 speech, 60 silent
        let found = Self.endpoints(Self.run([(Self.silence, 20), (Self.speech, 30), (Self.silence, 80), (Self.speech, 10), (Self.silence, 60)]))
        #expect(found.map(\.0) == [99, 189])
        #expect(found.map(\.1) == [.final(.trailingSilence), .final(.trailingSilence)])
    }

    @Test func aLoudFrameIsNotSilenceEvenWhenTheNetworkSaysBlank() {
        // a spike, then 60 frames of blank but voiced (a long word), then silence
        let frames = Self.run([(Self.silence, 10), (Self.speech, 2), (Self.voiced, 60), (Self.silence, 60)])
        #expect(Self.endpoints(frames).map(\.0) == [10 + 2 + 60 + 49])
        var posteriorsOnly = Self.options
        posteriorsOnly.energyMarginDecibels = nil
        #expect(Self.endpoints(frames, options: posteriorsOnly).first?.0 == 10 + 2 + 49)
    }

    /// A stream that begins with a word the network is not yet sure of: the word is loud against
    /// a quiet room's floor, so its utterance gets a final (the offline pass decides its words),
    /// not dropped as silence, which it was when the floor started at the first frame's level.
    @Test func aStreamThatBeginsWithSpeechIsNotTakenForSilence() {
        let found = Self.endpoints(Self.run([(Self.voiced, 30), (Self.silence, 60)]))
        #expect(found.map(\.0) == [30 + 49])
        #expect(found.map(\.1) == [.final(.trailingSilence)])
    }

    @Test func theNoiseFloorFollowsTheBackground() {
        // Background at −30 dB for 10 s: the floor settles there, so −30 dB is silence, not speech.
        let frames = Self.run([((log(0.99), -60), 100), ((log(0.99), -30), 1000), (Self.speech, 1), ((log(0.99), -30), 60)])
        var endpointer = Endpointer(options: Self.options, timing: FrameTiming(.eightKilohertz()))
        var decisions: [Endpointer.Decision] = []
        for frame in frames { decisions.append(endpointer.advance(blankLogProbability: frame.blank, level: frame.level)) }
        #expect(abs(endpointer.noiseFloor + 30) < 0.01)
        #expect(decisions.last { $0 != .continue } == .final(.trailingSilence))
    }

    @Test func silenceAloneIsDroppedAndNothingGrows() {
        var endpointer = Endpointer(options: Self.options, timing: FrameTiming(.eightKilohertz()))
        var discards = 0
        for _ in 0..<100_000 {
            if endpointer.advance(blankLogProbability: Self.silence.blank, level: Self.silence.level) == .discard { discards += 1 }
            #expect(endpointer.frames <= 50)
        }
        #expect(discards == 2000)
        #expect(!endpointer.hasSpeech)
    }

    @Test func endlessSpeechIsCutAtTheMaximumLength() {
        var options = Self.options
        options.maxUtteranceSeconds = 2
        let found = Self.endpoints(Self.run([(Self.speech, 450)]), options: options)
        #expect(found.map(\.0) == [199, 399])
        #expect(found.allSatisfy { $0.1 == .final(.maxLength) })
    }

    @Test func shortPausesInsideAnUtteranceDoNotEndIt() {
        let found = Self.endpoints(Self.run([(Self.speech, 10), (Self.silence, 49), (Self.speech, 10), (Self.silence, 49)]))
        #expect(found.isEmpty)
    }
}
