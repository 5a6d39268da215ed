import EarshotFeatures
import Foundation
import Testing

@testable import Earshot

@Suite struct OtherSpeechRejectionTests {
    // Symbols: 1 "one", 2 the filler, 3 "three"; a pause of 5 or more frames ends a phrase.
    let rejection = OtherSpeechRejection(filler: 2, minimumPause: 5)

    @Test func aWordInAPhraseWithOtherSpeechIsDropped() {
        // "one" runs into other speech (1 frame apart); "three" comes after a pause of 11 frames.
        #expect(rejection.dropped(symbols: [1, 2, 3], spans: [0...3, 5...8, 20...24]) == [true, false, false])
        // Other speech on either side, or both, takes the word with it.
        #expect(rejection.dropped(symbols: [2, 3, 2], spans: [0...3, 5...8, 10...12]) == [false, true, false])
    }

    @Test func aPauseOfExactlyTheMinimumEndsAPhrase() {
        // Frames 4...8 between the spans: 5 frames of pause.
        #expect(rejection.dropped(symbols: [2, 1], spans: [0...3, 9...12]) == [false, false])
        #expect(rejection.dropped(symbols: [2, 1], spans: [0...3, 8...12]) == [false, true])
    }

    @Test func phrasesOfVocabularyWordsAloneAreKept() {
        // A digit string without pauses, then other speech after a pause.
        #expect(rejection.dropped(symbols: [3, 1, 3, 2], spans: [0...4, 5...9, 10...14, 30...40]) == [false, false, false, false])
        #expect(rejection.dropped(symbols: [], spans: []) == [])
    }

    @Test func theDecoderDropsWordsSaidAmongOtherWordsUnlessTurnedOff() throws {
        let vocabulary = ["<blank>", "one", ModelConfig.filler, "three"]
        let timing = FrameTiming(.eightKilohertz())  // 10 ms frames: the default 0.2 s pause is 20 frames
        // Other speech over frames 5...24 (the filler emitted at 6), then "one" (emitted at 27)
        // over frames 25...34: no pause between them. With `gap` frames of silence before "one", there is.
        func decode(gap: Int, options: DecoderOptions = DecoderOptions(beamWidth: 1)) throws -> String {
            let frames = 60 + gap
            let path = (0..<frames).map { $0 == 6 ? 2 : $0 == 27 + gap ? 1 : 0 }
            let m = LogProbMatrix(frames: frames, classes: 4, values: path.flatMap { symbol in
                (0..<4).map { log($0 == symbol ? Float(0.97) : 0.01) }
            })
            let levels = (0..<frames).map { t -> Float in (5...24).contains(t) || (25 + gap...34 + gap).contains(t) ? -20 : -80 }
            return try CTCDecoder(vocabulary: vocabulary, options: options, timing: timing).decode(m, frameLevels: levels).text
        }
        #expect(try decode(gap: 0) == "")
        #expect(try decode(gap: 19) == "")
        #expect(try decode(gap: 20) == "one")
        #expect(try decode(gap: 0, options: DecoderOptions(beamWidth: 1, otherSpeechPause: 0)) == "one")
        #expect(try decode(gap: 0, options: DecoderOptions(beamWidth: 8)) == "")
    }
}
