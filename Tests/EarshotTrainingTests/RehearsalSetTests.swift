import Earshot
import EarshotAudio
import EarshotTestSupport
import Foundation
import Testing
import EarshotTraining

/// The rehearsal set bundled for the bundled model (`earshot train --init default`).
@Suite struct RehearsalSetTests {
    @Test func theBundledSetHasEveryWordOfTheBundledModelAndOtherWords() throws {
        let model = try BaseModel.load(BaseModel.bundledName)
        var issues = DataIssueLog()
        let clips = try RehearsalSet.load(RehearsalSet.bundledName, for: model, issues: &issues, strict: true)
        let said = Set(clips.flatMap(\.words))
        let words = Set(model.model.config.vocabulary).subtracting([ModelConfig.blank])
        #expect(said == words, "missing: \(words.subtracting(said).sorted())")
        // the filler is a real share of it: a fine-tuned model must keep rejecting other words
        let other = clips.filter { $0.words.allSatisfy { $0 == ModelConfig.filler } }.count
        #expect(other >= clips.count / 4, "\(other) of \(clips.count) clips are other words only")
        // every clip is readable audio
        for clip in clips {
            #expect(try AudioReader.read(clip.audioURL.path).samples.count > 0, "\(clip.location)")
        }
    }

    @Test func aWordTheModelDoesNotKnowIsAnErrorNamingTheLine() throws {
        let model = try BaseModel.load(BaseModel.bundledName)
        let directory = try Fixtures.temporaryDirectory("earshot-rehearsal")
        let manifest = directory.appendingPathComponent("r.jsonl")
        let audio = Fixtures.fsddRecordings.appendingPathComponent("7_nicolas_20.wav").path
        try "{\"audio_filepath\": \"\(audio)\", \"text\": \"seven\"}\n{\"audio_filepath\": \"\(audio)\", \"text\": \"lights on\"}\n"
            .write(to: manifest, atomically: true, encoding: .utf8)
        var issues = DataIssueLog()
        #expect(throws: DataError.unknownWord(path: manifest.path, line: 2, word: "lights", words: .modelVocabulary)) {
            try RehearsalSet.load(manifest.path, for: model, issues: &issues, strict: false)
        }
    }
}
