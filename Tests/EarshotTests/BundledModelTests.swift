import EarshotTestSupport
import Foundation
import Testing

@testable import Earshot

/// The model shipped in `Sources/Earshot/Resources/default.safetensors`, when this build has one.
@Suite struct BundledModelTests {
    @Test(.enabled(if: Model.bundledDefaultURL == nil))
    func withoutABundledModelTheErrorSaysSo() {
        #expect(throws: ModelFileError.noBundledModel) { try Model.bundledDefault() }
        #expect(ModelFileError.noBundledModel.description.contains("--model"))
    }

    /// Every single-word sample clip whose word the model knows is transcribed exactly; every clip
    /// (connected words, noise) gets word times inside the clip and confidences in [0, 1].
    @Test(.enabled(if: Model.bundledDefaultURL != nil))
    func bundledModelTranscribesTheAudioSamples() throws {
        let recognizer = try Recognizer(model: Model.bundledDefault())
        let manifest = try String(contentsOf: Fixtures.audioSamples.appendingPathComponent("manifest.jsonl"), encoding: .utf8)
        var checked = 0
        for line in manifest.split(separator: "\n") {
            let entry = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            let (file, text) = (try #require(entry["audio_filepath"] as? String), try #require(entry["text"] as? String))
            let words = text.split(separator: " ").map(String.init)
            guard words.allSatisfy(recognizer.model.config.vocabulary.contains) else { continue }
            let result = try recognizer.transcribe(file: Fixtures.audioSamples.appendingPathComponent(file).path)
            if words.count == 1 { #expect(result.text == text, "\(file)") }
            for word in result.words {
                #expect(0 <= word.start && word.start < word.end && word.end <= result.duration + 0.025, "\(file): \(word)")
                #expect((0...1).contains(word.confidence))
            }
            checked += 1
        }
        #expect(checked >= 5)
    }

    /// "three one four" spoken without pauses (espeak-ng): each word's times cover most of where it
    /// is spoken, in order and without overlap. Where it is spoken is read off the waveform: /θ/
    /// from 0.08 s, a dip at 0.38 s before "one", the /f/ of "four" from 0.70 s, silence from 1.21 s.
    @Test(.enabled(if: Model.bundledDefaultURL != nil))
    func connectedWordsSpanTheirSpeech() throws {
        let recognizer = try Recognizer(model: Model.bundledDefault())
        let result = try recognizer.transcribe(file: Fixtures.audioSamples.appendingPathComponent("three-one-four_16k.wav").path)
        try #require(result.text == "three one four")
        let spoken = [(0.08, 0.38), (0.38, 0.70), (0.70, 1.21)]
        for (word, (start, end)) in zip(result.words, spoken) {
            let overlap = min(word.end, end) - max(word.start, start)
            #expect(overlap >= 0.8 * (end - start), "\(word)")
        }
        for (word, next) in zip(result.words, result.words.dropFirst()) {
            #expect(word.end <= next.start, "\(word), \(next)")
        }
    }
}
