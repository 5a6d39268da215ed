import EarshotAudio
import EarshotFeatures
import EarshotTestSupport
import Foundation
import Testing

@testable import Earshot

private let clip = Fixtures.audioSamples.appendingPathComponent("7_jackson_5.wav").path

@Suite struct RecognizerTests {
    /// The recognizer's glue: its log-probs equal features → global CMVN → network done by hand.
    @Test func posteriorsAreTheNetworkOnNormalisedFeatures() throws {
        let model = TestModels.model()
        let recognizer = try Recognizer(model: model)
        let audio = try AudioReader.read(clip, sampleRate: 8000)
        let posteriors = try recognizer.posteriors(audio, label: clip)
        let (features, logProbs) = (posteriors.features, posteriors.logProbs)
        let byHand = try Featurizer(model.config.features).compute(audio.samples)
        #expect(features == byHand)
        let stats = try #require(model.config.cmvn.stats)
        let expected = model.network.logProbs(stats.apply(to: byHand).values, frames: byHand.frames)
        #expect(logProbs.frames == byHand.frames && logProbs.classes == 11)
        #expect(worstToleranceExcess(logProbs.values, expected, atol: 0, rtol: 0) == 0)
        for t in 0..<logProbs.frames {
            let total = (0..<11).map { exp(Double(logProbs[t, $0])) }.reduce(0, +)
            #expect(abs(total - 1) < 1e-4)
        }
    }

    /// A clip after a long pause: the pause's frames before the stream's lead are certain blanks,
    /// and the network runs from there on, as the final pass of a stream would.
    @Test func aLongLeadingPauseIsNotRunThroughTheNetwork() throws {
        let model = TestModels.model()
        let recognizer = try Recognizer(model: model)
        let speech = try AudioReader.read(clip, sampleRate: 8000)
        let audio = Audio(samples: [Float](repeating: 0, count: 12000) + speech.samples, sampleRate: 8000)
        let posteriors = try recognizer.posteriors(audio, label: clip)
        let (features, logProbs) = (posteriors.features, posteriors.logProbs)
        let levels = SpeechExtent.frameLevels(audio.samples, timing: recognizer.decoder.timing, frames: features.frames)
        #expect(posteriors.levels == levels)
        let skip = SpeechOnsetGate.offlineSkip(levels: levels, timing: recognizer.decoder.timing)
        #expect((100...110).contains(skip), "1.5 s of pause less the 0.3 s lead and 0.1 s pre-roll: \(skip)")
        #expect(logProbs.rows(0..<skip).values == LogProbMatrix.certainBlanks(skip, classes: 11))
        let stats = try #require(model.config.cmvn.stats)
        let heard = stats.apply(to: features.rows(skip..<features.frames))
        let expected = model.network.logProbs(heard.values, frames: heard.frames)
        #expect(worstToleranceExcess(logProbs.rows(skip..<features.frames).values, expected, atol: 0, rtol: 0) == 0)
    }

    @Test func transcribingAFileEqualsDecodingItsPosteriors() throws {
        let recognizer = try Recognizer(model: TestModels.model(), options: DecoderOptions(beamWidth: 4))
        let audio = try AudioReader.read(clip, sampleRate: 8000)
        let expected = recognizer.decode(try recognizer.posteriors(audio, label: clip))
        #expect(try recognizer.transcribe(path: clip) == expected)
        #expect(try recognizer.transcribe(samples: audio.samples, sampleRate: 8000) == expected)
        let result = try recognizer.transcribe(file: clip)
        #expect(result.text == expected.text && abs(result.duration - audio.duration) < 1e-9)
        #expect(result.processingSeconds > 0)
    }

    @Test func samplesAtAnotherRateAreResampled() throws {
        let recognizer = try Recognizer(model: TestModels.model())
        let audio = try AudioReader.read(clip, sampleRate: 16000)
        let transcript = try recognizer.transcribe(samples: audio.samples, sampleRate: 16000)
        let resampled = Audio(samples: try Resampler(from: 16000, to: 8000).resample(audio.samples), sampleRate: 8000)
        #expect(transcript == recognizer.decode(try recognizer.posteriors(resampled, label: "")))
    }

    @Test func audioShorterThanOneFrameIsAClearError() throws {
        let recognizer = try Recognizer(model: TestModels.model())
        #expect(throws: AudioError.tooShort("samples", samples: 100, needed: 200)) {
            try recognizer.transcribe(samples: [Float](repeating: 0, count: 100), sampleRate: 8000)
        }
    }

    @Test func aFailingFileDoesNotStopTheOthersAndResultsComeInOrder() throws {
        let recognizer = try Recognizer(model: TestModels.model())
        let files = [clip, "/nonexistent.wav", Fixtures.audioSamples.appendingPathComponent("three-one-four_16k.wav").path, clip]
        var seen: [(Int, Bool)] = []
        recognizer.transcribe(files: files, threads: 3) { index, result in
            if case .success(let transcription) = result { #expect(transcription.file == files[index]) }
            seen.append((index, (try? result.get()) != nil))
        }
        #expect(seen.map(\.0) == [0, 1, 2, 3])
        #expect(seen.map(\.1) == [true, false, true, true])
    }

    @Test func unknownAllowedWordFailsAtConstruction() {
        #expect(throws: DecoderOptionsError.self) {
            try Recognizer(model: TestModels.model(), options: DecoderOptions(allowedWords: ["yes"]))
        }
    }

    @Test func fileTranscriptionUsesTheDocumentedJSONKeys() throws {
        let result = try Recognizer(model: TestModels.model()).transcribe(file: clip, posteriors: true)
        let object = try #require(
            try JSONSerialization.jsonObject(with: JSONEncoder().encode(result)) as? [String: Any])
        for key in ["file", "text", "words", "duration", "processing_seconds", "features", "log_probs"] {
            #expect(object[key] != nil, "\(key)")
        }
        #expect((object["log_probs"] as? [[Double]])?.first?.count == 11)
    }
}
