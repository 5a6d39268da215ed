import Foundation
import Testing

@testable import Earshot

@Suite struct EndpointerTests {
    static let speech = log(Float(0.3))  // blank posterior 0.3: speech
    static let silence = log(Float(0.99))  // 0.99 ≥ 0.95: non-speech

    /// The decisions that are not `.continue`, with their frame indexes.
    static func endpoints(_ frames: [Float], options: EndpointOptions = EndpointOptions()) -> [(Int, Endpointer.Decision)] {
        var endpointer = Endpointer(options: options, frameShift: 0.01)
        return frames.enumerated().compactMap { t, blank in
            let decision = endpointer.advance(blankLogProbability: blank)
            return decision == .continue ? nil : (t, decision)
        }
    }

    static func run(_ parts: [(Float, Int)]) -> [Float] { parts.flatMap { Array(repeating: $0.0, count: $0.1) } }

    @Test func speechThenTrailingSilenceEndsTheUtterance() {
        // 20 silent, 30 speech, 80 silent (500 ms = 50 frames), 10 speech, 60 silent
        let found = Self.endpoints(Self.run([(Self.silence, 20), (Self.speech, 30), (Self.silence, 80), (Self.speech, 10), (Self.silence, 60)]))
        #expect(found.map(\.0) == [99, 189])
        #expect(found.map(\.1) == [.final(.trailingSilence), .final(.trailingSilence)])
    }

    @Test func silenceAloneIsDroppedAndNothingGrows() {
        var endpointer = Endpointer(options: EndpointOptions(), frameShift: 0.01)
        var discards = 0
        for _ in 0..<100_000 {
            if endpointer.advance(blankLogProbability: Self.silence) == .discard { discards += 1 }
            #expect(endpointer.frames <= 50)
        }
        #expect(discards == 2000)
        #expect(!endpointer.hasSpeech)
    }

    @Test func endlessSpeechIsCutAtTheMaximumLength() {
        var options = EndpointOptions()
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
