import EarshotAudio
import EarshotTestSupport
import Foundation
import Testing

@testable import Earshot

@Suite struct StreamingRecognizerTests {
    /// 160 ms chunks and look-ahead, 500 ms of trailing silence: the sizes the bounds below assume.
    static let options: StreamingOptions = {
        var options = StreamingOptions()
        (options.chunkMilliseconds, options.lookAheadMilliseconds) = (160, 160)
        options.endpoint.trailingSilenceMilliseconds = 500
        return options
    }()

    /// 0.5 s quiet, 0.5 s tone, 1 s quiet, 0.5 s tone, 1 s quiet.
    static let speechSilenceSpeech = BeepModel.signal([(false, 0.5), (true, 0.5), (false, 1), (true, 0.5), (false, 1)])

    /// The finals of `samples` fed in pieces whose sizes `piece` draws, and the partials seen.
    static func stream(
        _ samples: [Float], _ recognizer: StreamingRecognizer, piece: () -> Int
    ) -> (finals: [StreamingUtterance], partials: [String]) {
        var (finals, partials) = ([StreamingUtterance](), [String]())
        var position = 0
        while position < samples.count {
            let end = min(samples.count, position + piece())
            finals += recognizer.accept(samples: Array(samples[position..<end]))
            partials.append(recognizer.partialResult.text)
            position = end
        }
        return (finals + recognizer.finish(), partials)
    }

    @Test(arguments: [1, 2, 3])
    func speechSilenceSpeechComesOutAsTwoTimedFinals(frameStacking: Int) throws {
        let recognizer = try StreamingRecognizer(model: try BeepModel.model(frameStacking: frameStacking), options: Self.options)
        let (finals, partials) = Self.stream(Self.speechSilenceSpeech, recognizer) { recognizer.chunkSamples }
        try #require(finals.count == 2)
        #expect(finals.map(\.transcript.text) == ["beep", "beep"])
        #expect(finals.map(\.endpoint) == [.trailingSilence, .trailingSilence])
        for (final, onset) in zip(finals, [0.5, 2.0]) {
            let word = try #require(final.transcript.words.first)
            #expect(abs(word.start - onset) < 0.03 && abs(word.end - (onset + 0.5)) < 0.04, "\(word)")
            #expect(word.confidence > 0.9)
            // Final once 500 ms of silence and the 160 ms look-ahead have been heard (in whole network
            // frames), within a chunk of audio and a network frame.
            let timing = recognizer.decoder.timing
            let (silence, lookAhead) = (timing.duration(frames: timing.frames(seconds: 0.5)), timing.duration(frames: timing.frames(seconds: 0.16)))
            let latency = try #require(final.latency)
            #expect(
                latency >= silence + lookAhead - 0.04 && latency <= silence + lookAhead + 0.16 + 0.04 + timing.duration(frames: 1),
                "latency \(latency) \(final)")
        }
        #expect(partials.contains("beep"))  // the partial showed the word before its final
        // Each final is its utterance's offline pass: here, the words of the whole signal offline.
        let offline = try Recognizer(model: recognizer.model).transcribe(samples: Self.speechSilenceSpeech, sampleRate: 8000)
        #expect(offline.text == "beep beep")
        let streamedWords = finals.flatMap(\.transcript.words)
        #expect(streamedWords.count == offline.words.count)
        for (streamed, word) in zip(streamedWords, offline.words) {
            #expect(abs(streamed.start - word.start) < 1e-9 && abs(streamed.end - word.end) < 1e-9)
            #expect(abs(streamed.confidence - word.confidence) < 1e-5)
        }
    }

    @Test func aLongRunOfCommandsComesOutOneFinalEach() throws {
        let recognizer = try StreamingRecognizer(model: try BeepModel.model(), options: Self.options)
        let commands = 40
        let signal = BeepModel.signal(Array(repeating: [(true, 0.3), (false, 0.9)], count: commands).flatMap { $0 })
        let finals = Self.stream(signal, recognizer) { recognizer.chunkSamples }.finals
        #expect(finals.count == commands)
        for (k, final) in finals.enumerated() {
            #expect(final.transcript.text == "beep")
            let start = try #require(final.transcript.words.first?.start)
            #expect(abs(start - 1.2 * Double(k)) < 0.03, "command \(k) at \(start) s")  // stream time, not utterance time
        }
    }

    @Test(arguments: [true, false], [1, 3])
    func resultsDoNotDependOnHowTheAudioIsCut(snipEdges: Bool, frameStacking: Int) throws {
        let model = try BeepModel.model(snipEdges: snipEdges, frameStacking: frameStacking)
        let recognizer = try StreamingRecognizer(model: model, options: Self.options)
        let whole = Self.stream(Self.speechSilenceSpeech, recognizer) { Self.speechSilenceSpeech.count }.finals
        var generator = SystemRandomNumberGenerator()
        for piece: () -> Int in [{ 1 }, { 37 }, { Int.random(in: 1...3000, using: &generator) }] {
            let cut = Self.stream(Self.speechSilenceSpeech, recognizer, piece: piece).finals
            #expect(cut.map(\.transcript) == whole.map(\.transcript))
            #expect(cut.map(\.start) == whole.map(\.start) && cut.map(\.end) == whole.map(\.end))
        }
    }

    @Test(arguments: [1, 2])
    func withALookAheadBeyondTheClipTheFinalIsTheOfflineTranscript(frameStacking: Int) throws {
        let model = TestModels.model(frameStacking: frameStacking)  // random weights: words all over, never an endpoint
        let clip = Fixtures.audioSamples.appendingPathComponent("7_jackson_5.wav").path
        let audio = try AudioReader.read(clip, sampleRate: 8000)
        var options = StreamingOptions()
        options.lookAheadMilliseconds = 100_000
        let recognizer = try StreamingRecognizer(model: model, options: options)
        let finals = Self.stream(audio.samples, recognizer) { 800 }.finals
        let offline = try Recognizer(model: model).transcribe(samples: audio.samples, sampleRate: 8000)
        #expect(!offline.words.isEmpty)
        #expect(finals.map(\.transcript.text) == [offline.text])
        #expect(finals.first?.endpoint == .endOfStream)
    }

    /// A model trained on clips may emit an utterance's last word on its last frame, which a
    /// latency-controlled network never reaches while the stream goes on: with the real-voices
    /// model, of clips said one after another each word came out with the next utterance, or never.
    @Test func clipsSaidOneAfterAnotherEachGiveTheirOfflineTranscript() throws {
        let model = try Model.bundledDefault()
        let recognizer = try StreamingRecognizer(model: model)
        let offline = try Recognizer(model: model)
        let pause = [Float](repeating: 0, count: model.config.sampleRate * 6 / 5)  // 1.2 s: past the 700 ms endpoint
        var stream: [Float] = []
        var expected: [String] = []
        for name in ["2_jackson_17.wav", "6_lucas_44.wav", "2_jackson_17.wav", "9_yweweler_49.wav"] {
            let clip = try AudioReader.read(Fixtures.fsddRecordings.appendingPathComponent(name).path, sampleRate: model.config.sampleRate)
            stream += clip.samples + pause
            expected.append(try offline.transcribe(samples: clip.samples, sampleRate: clip.sampleRate).text)
        }
        #expect(expected.allSatisfy { !$0.isEmpty })
        let finals = Self.stream(stream, recognizer) { recognizer.chunkSamples }.finals
        #expect(finals.map(\.transcript.text) == expected)
        #expect(finals.allSatisfy { $0.endpoint == .trailingSilence })
    }

    @Test func aStreamThatNeverSpeaksGivesNothingAndHoldsLittle() throws {
        let recognizer = try StreamingRecognizer(model: try BeepModel.model(), options: Self.options)
        let quiet = BeepModel.signal([(false, 1)])
        for _ in 0..<120 {
            for piece in stride(from: 0, to: quiet.count, by: recognizer.chunkSamples) {
                #expect(recognizer.accept(samples: Array(quiet[piece..<min(quiet.count, piece + recognizer.chunkSamples)])).isEmpty)
                #expect(recognizer.utteranceFrames <= 100)  // 500 ms of trailing silence, and as much lead
            }
            #expect(recognizer.partialResult.text.isEmpty)
        }
        #expect(abs(recognizer.streamTime - 120) < 1e-9)
        #expect(recognizer.finish().isEmpty)
    }

    @Test func perUtteranceCMVNCannotStream() throws {
        let model = try BeepModel.model()
        var config = model.config
        config.cmvn = CMVNConfig(mode: .utterance)
        #expect(throws: StreamingError.perUtteranceCMVN) {
            try StreamingRecognizer(model: Model(config: config, network: model.network))
        }
    }
}
