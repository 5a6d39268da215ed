import Foundation
import Testing
import EarshotTestSupport
import Earshot
@testable import EarshotTraining

@Suite struct ClipSourceTests {
    private func write(_ text: String, to url: URL) throws {
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: url)
    }

    @Test func manifestPathsAreRelativeToTheManifest() throws {
        let dir = try Fixtures.temporaryDirectory()
        let manifest = dir.appendingPathComponent("lists/train.jsonl")
        try write("""
            {"audio_filepath": "../clips/a.wav", "text": "Yes  no", "duration": 1.5}

            {"audio_filepath": "/abs/b.wav", "text": "three"}
            """, to: manifest)
        var issues = DataIssueLog()
        let clips = try JSONLinesManifest.load(manifest, issues: &issues)
        #expect(clips.count == 2)
        #expect(clips[0].audioURL.path == dir.appendingPathComponent("clips/a.wav").standardizedFileURL.path)
        #expect(clips[0].words == ["yes", "no"])
        #expect(clips[0].duration == 1.5)
        #expect(clips[0].location == "\(manifest.path):1")
        #expect(clips[1].audioURL.path == "/abs/b.wav")
        #expect(clips[1].line == 3)
        #expect(issues.isEmpty)
    }

    @Test func malformedLineIsAnErrorNamingFileAndLine() throws {
        let dir = try Fixtures.temporaryDirectory()
        let manifest = dir.appendingPathComponent("m.jsonl")
        try write("{\"audio_filepath\": \"a.wav\", \"text\": \"yes\"}\n{\"text\": \"no\"}\n", to: manifest)
        var issues = DataIssueLog()
        #expect(throws: DataError.malformedLine(path: manifest.path, line: 2, reason: "missing field \"audio_filepath\"")) {
            try JSONLinesManifest.load(manifest, issues: &issues)
        }
        try write("{\"audio_filepath\": \"a.wav\", \"text\": \"yes\"}\nnot json\n", to: manifest)
        do {
            _ = try JSONLinesManifest.load(manifest, issues: &issues)
            Issue.record("expected an error")
        } catch {
            #expect(error.description.hasPrefix("\(manifest.path):2: "))
            #expect(!error.description.contains("\n"))
        }
    }

    @Test func emptyTranscriptsAreSkippedAndCountedOrFatalWhenStrict() throws {
        let dir = try Fixtures.temporaryDirectory()
        let manifest = dir.appendingPathComponent("m.jsonl")
        let lines = (1...5).map { i in "{\"audio_filepath\": \"\(i).wav\", \"text\": \"\(i == 3 ? "yes" : " ")\"}" }
        try write(lines.joined(separator: "\n"), to: manifest)
        var issues = DataIssueLog()
        let clips = try JSONLinesManifest.load(manifest, issues: &issues)
        #expect(clips.map(\.words) == [["yes"]])
        #expect(issues.counts[.emptyTranscript] == 4)
        #expect(issues.examples.count == DataIssueLog.namedPerKind)
        #expect(issues.summaryLines == ["skipped 4 clips: empty transcript (\(manifest.path):1, \(manifest.path):2, \(manifest.path):4, ...)"])
        var kept = DataIssueLog()
        #expect(try JSONLinesManifest.load(manifest, issues: &kept, keepingEmpty: true).map(\.words.count) == [0, 0, 1, 0, 0])
        #expect(kept.isEmpty)
        var strictIssues = DataIssueLog()
        #expect(throws: DataError.rejected(DataIssue(.emptyTranscript, location: "\(manifest.path):1"))) {
            try JSONLinesManifest.load(manifest, issues: &strictIssues, strict: true)
        }
    }

    /// `DIR/yes` may be a symbolic link to a folder of clips elsewhere.
    @Test func wordFoldersMayBeSymbolicLinks() throws {
        let dir = try Fixtures.temporaryDirectory()
        try write("", to: dir.appendingPathComponent("elsewhere/yes-clips/a.wav"))
        try write("", to: dir.appendingPathComponent("data/no/b.wav"))
        try FileManager.default.createSymbolicLink(
            at: dir.appendingPathComponent("data/yes"), withDestinationURL: dir.appendingPathComponent("elsewhere/yes-clips"))
        var issues = DataIssueLog()
        let clips = try ClipSource.load(dir.appendingPathComponent("data").path, issues: &issues)
        #expect(clips.map(\.words) == [["no"], ["yes"]])
        #expect(clips.map(\.audioURL.lastPathComponent) == ["b.wav", "a.wav"])
        #expect(issues.isEmpty)
    }

    @Test func folderPerWordLayout() throws {
        let dir = try Fixtures.temporaryDirectory()
        for path in ["yes/a.wav", "yes/b.WAV", "no/c.flac", "no/notes.txt", "_background_noise_/hum.wav", "up/d.w64"] {
            try write("", to: dir.appendingPathComponent(path))
        }
        var issues = DataIssueLog()
        let clips = try ClipSource.load(dir.path, issues: &issues)
        // the extensions of AudioFileSearch (.w64 among them), as transcribe and bench find files
        #expect(clips.map(\.audioURL.lastPathComponent) == ["c.flac", "d.w64", "a.wav", "b.WAV"])
        #expect(clips.map(\.words) == [["no"], ["up"], ["yes"], ["yes"]])
        #expect(Vocabulary(collectingFrom: clips).symbols == ["<blank>", "no", "up", "yes"])
    }

    @Test func fsddNames() throws {
        #expect(ClipDirectory.fsddWord("7_jackson_32.wav") == "seven")
        #expect(ClipDirectory.fsddWord("0_george_0.wav") == "zero")
        #expect(ClipDirectory.fsddWord("12_jackson_3.wav") == nil)
        #expect(ClipDirectory.fsddWord("x_jackson_3.wav") == nil)
        #expect(ClipDirectory.fsddWord("7_jackson.wav") == nil)
        #expect(ClipDirectory.fsddWord("readme.wav") == nil)
    }

    @Test func fsddDirectoryWithAnUnlabelledFile() throws {
        let dir = try Fixtures.temporaryDirectory()
        for name in ["3_lucas_7.wav", "9_nicolas_12.wav", "hello.wav"] { try write("", to: dir.appendingPathComponent(name)) }
        var issues = DataIssueLog()
        let clips = try ClipSource.load(dir.path, issues: &issues)
        #expect(clips.map(\.text) == ["three", "nine"])
        #expect(issues.counts[.unlabeled] == 1)
        #expect(issues.examples.first?.location == dir.appendingPathComponent("hello.wav").path)
    }

    @Test func theFSDDFixtureRecordingsLoad() throws {
        var issues = DataIssueLog()
        let clips = try ClipSource.load(Fixtures.fsddRecordings.path, issues: &issues)
        #expect(clips.count == 10)
        #expect(issues.isEmpty)
        #expect(Vocabulary(collectingFrom: clips).count == 11)
        #expect(clips.allSatisfy { ClipDirectory.digitWords[Int(String($0.audioURL.lastPathComponent.first!))!] == $0.text })
    }

    @Test func missingSourceAndEmptySourceAreErrors() throws {
        var issues = DataIssueLog()
        #expect(throws: DataError.unreadable(path: "/nonexistent/x", reason: "no such file or directory")) {
            try ClipSource.load("/nonexistent/x", issues: &issues)
        }
        let dir = try Fixtures.temporaryDirectory()
        #expect(throws: DataError.noClips(path: dir.path)) { try ClipSource.load(dir.path, issues: &issues) }
    }

    @Test func vocabularyPutsBlankFirstAndNamesUnknownWords() throws {
        let vocabulary = Vocabulary(words: ["two", "one", "two", "<blank>"])
        #expect(vocabulary.symbols == ["<blank>", "one", "two"])
        #expect(vocabulary.index(of: "two") == 2)
        #expect(vocabulary[0] == Vocabulary.blank)
        let clip = LabeledClip(audioURL: URL(fileURLWithPath: "/d/a.wav"), words: ["one", "three"], listedIn: "/d/dev.jsonl", line: 7)
        #expect(throws: DataError.unknownWord(path: "/d/dev.jsonl", line: 7, word: "three", words: .trainingWords)) {
            try vocabulary.labels(for: clip, words: .trainingWords)
        }
        #expect(DataError.unknownWord(path: "/d/dev.jsonl", line: 7, word: "three", words: .modelVocabulary).description
            == "/d/dev.jsonl:7: word 'three' is not in the model's vocabulary")
        #expect(DataError.unknownWord(path: "/d/dev.jsonl", line: 7, word: "three", words: .trainingWords).description
            == "/d/dev.jsonl:7: word 'three' is not among the training words")
        let known = LabeledClip(audioURL: URL(fileURLWithPath: "/d/b.wav"), words: ["two", "one"])
        #expect(try vocabulary.labels(for: known, words: .trainingWords) == [2, 1])
        let decoded = try JSONDecoder().decode(Vocabulary.self, from: JSONEncoder().encode(vocabulary))
        #expect(decoded == vocabulary && decoded.index(of: "one") == 1)
    }

    @Test func manifestRoundTrip() throws {
        let dir = try Fixtures.temporaryDirectory()
        let clips = [
            LabeledClip(audioURL: dir.appendingPathComponent("a/x.wav"), words: ["go", "left"], duration: 0.75),
            LabeledClip(audioURL: URL(fileURLWithPath: "/elsewhere/y.wav"), words: ["stop"]),
        ]
        let manifest = dir.appendingPathComponent("m.jsonl")
        try JSONLinesManifest.write(clips, to: manifest)
        #expect(try String(contentsOf: manifest, encoding: .utf8).hasPrefix("{\"audio_filepath\":\"a/x.wav\""))
        var issues = DataIssueLog()
        let loaded = try JSONLinesManifest.load(manifest, issues: &issues)
        #expect(loaded.map(\.audioURL.path) == clips.map(\.audioURL.standardizedFileURL.path))
        #expect(loaded.map(\.words) == clips.map(\.words))
        #expect(loaded.map(\.duration) == [0.75, nil])
    }
}

@Suite struct ClipSplitTests {
    private let clips = (0..<50).map { LabeledClip(audioURL: URL(fileURLWithPath: "/c/\($0).wav"), words: ["w\($0 % 3)"]) }

    @Test func holdsOutASeededFractionAndKeepsOrder() {
        let (train, dev) = ClipSplit.holdOut(clips, fraction: 0.1, seed: 4)
        #expect(dev.count == 5 && train.count == 45)
        #expect(Set((train + dev).map(\.audioURL)) == Set(clips.map(\.audioURL)))
        #expect(dev.map(\.audioURL.lastPathComponent) == dev.map(\.audioURL.lastPathComponent).sorted { Int($0.dropLast(4))! < Int($1.dropLast(4))! })
        #expect(ClipSplit.holdOut(clips, fraction: 0.1, seed: 4).dev == dev)
        #expect(ClipSplit.holdOut(clips, fraction: 0.1, seed: 5).dev != dev)
    }

    @Test func edgeCases() {
        #expect(ClipSplit.holdOut(clips, fraction: 0, seed: 1).dev.isEmpty)
        #expect(ClipSplit.holdOut(Array(clips.prefix(1)), fraction: 0.5, seed: 1).dev.isEmpty)
        #expect(ClipSplit.holdOut(Array(clips.prefix(3)), fraction: 0.01, seed: 1).dev.count == 1)
        #expect(ClipSplit.holdOut(Array(clips.prefix(3)), fraction: 0.99, seed: 1).train.count == 1)
    }
}
