import EarshotTestSupport
import EarshotTraining
import Foundation
import Testing

/// `earshot train --init`: fine-tuning the bundled model on a handful of clips, end to end.
@Suite struct FineTuningCommandTests {
    @Test func fineTunesTheBundledModelAndInspectShowsWhereItCameFrom() throws {
        let directory = try Fixtures.temporaryDirectory("earshot-finetune-cli")
        let out = directory.appendingPathComponent("me.safetensors")
        let run = try CommandLineTests.earshot([
            "train", "--init", "default", "--data", Fixtures.fsddRecordings.path, "--out", out.path, "--epochs", "1", "--json-log",
        ])
        #expect(run.status == 0, "\(run.errors)")
        #expect(run.output.contains("fine-tuning default") && run.output.contains("no new words"), "\(run.output)")
        #expect(run.output.contains("rehearsing \(try Self.bundledRehearsalClips()) clips of what the model knows beside your 10"), "\(run.output)")

        // the library's fine-tuning defaults, forwarded; every clip trains (no dev split), beside the bundled rehearsal set
        let summary = try #require(
            try JSONSerialization.jsonObject(with: Data(contentsOf: directory.appendingPathComponent("me.training.json"))) as? [String: Any])
        let configuration = try #require(summary["configuration"] as? [String: Any])
        #expect(configuration["learning_rate"] as? Double == 3e-4)
        #expect(configuration["warmup_steps"] as? Int == 0)
        #expect(configuration["anchor_strength"] as? Double == 0.3)
        #expect(configuration["rehearsal_distillation"] as? Double == 0)
        #expect(configuration["epochs"] as? Int == 1)
        #expect(summary["training_clips"] as? Int == 10 + (try Self.bundledRehearsalClips()) && summary["dev_clips"] as? Int == 0)

        let inspect = try CommandLineTests.earshot(["inspect", out.path])
        #expect(inspect.status == 0, "\(inspect.errors)")
        #expect(inspect.output.contains("fine-tuned from  default (trained on Speech Commands"), "\(inspect.output)")
        #expect(inspect.output.contains("dataset          \(Fixtures.fsddRecordings.path), rehearsal default"), "\(inspect.output)")

        let transcribe = try CommandLineTests.earshot([
            "transcribe", "--model", out.path, Fixtures.fsddRecordings.appendingPathComponent("7_nicolas_20.wav").path,
        ])
        #expect(transcribe.status == 0, "\(transcribe.errors)")
    }

    @Test func aFlagThatConflictsWithTheModelIsOneLineNamingIt() throws {
        let out = try Fixtures.temporaryDirectory("earshot-finetune-cli").appendingPathComponent("x.safetensors")
        for (flags, expected) in [
            (["--hidden", "64"], "default: --hidden 64 differs from the model's 192"),
            (["--stack-frames", "1"], "default: --stack-frames 1 differs from the model's 3"),
            (["--dither", "0"], "default: --dither 0.0 differs from the model's 1.0"),
            (["--type", "mfcc"], "default: --type mfcc differs from the model's fbank"),
            (["--num-mel-bins", "23"], "default: --num-mel-bins 23 differs from the model's 40"),
        ] {
            let run = try CommandLineTests.earshot(
                ["train", "--init", "default", "--data", Fixtures.fsddRecordings.path, "--out", out.path] + flags)
            #expect(run.status != 0)
            #expect(run.errorLines.count == 1 && run.errors.contains(expected), "\(flags): \(run.errors)")
        }
        // the model's own values are no conflict
        let same = try CommandLineTests.earshot([
            "train", "--init", "default", "--data", Fixtures.fsddRecordings.path, "--out", out.path, "--epochs", "1",
            "--hidden", "192", "--stack-frames", "3", "--dither", "1", "--sample-frequency", "16000", "--num-mel-bins", "40",
        ])
        #expect(same.status == 0, "\(same.errors)")
    }

    @Test func theAnchorIsForFineTuningOnly() throws {
        let out = try Fixtures.temporaryDirectory("earshot-finetune-cli").appendingPathComponent("x.safetensors")
        let run = try CommandLineTests.earshot(["train", "--data", Fixtures.fsddRecordings.path, "--out", out.path, "--anchor", "1"])
        #expect(run.status != 0)
        #expect(run.errors.contains("--anchor needs --init"), "\(run.errors)")
        let negative = try CommandLineTests.earshot(
            ["train", "--init", "default", "--data", Fixtures.fsddRecordings.path, "--out", out.path, "--anchor=-1"])
        #expect(negative.status != 0 && negative.errors.contains("--anchor and --confidence-penalty 0 or more"), "\(negative.errors)")
    }

    @Test func rehearsalIsTheBundledSetForTheBundledModelAndCanBeTurnedOffOrChosen() throws {
        let directory = try Fixtures.temporaryDirectory("earshot-finetune-cli")
        let out = directory.appendingPathComponent("x.safetensors")
        func trainingClips(_ flags: [String]) throws -> Int? {
            let run = try CommandLineTests.earshot(
                ["train", "--init", "default", "--data", Fixtures.fsddRecordings.path, "--out", out.path, "--epochs", "1"] + flags)
            #expect(run.status == 0, "\(flags): \(run.errors)")
            let summary = try JSONSerialization.jsonObject(with: Data(contentsOf: directory.appendingPathComponent("x.training.json")))
            return (summary as? [String: Any])?["training_clips"] as? Int
        }
        #expect(try trainingClips(["--rehearse", "none"]) == 10)
        // a manifest of the model's words (two of the fixture's clips) rehearses those clips
        let manifest = directory.appendingPathComponent("mine.jsonl")
        try """
            {"audio_filepath": "\(Fixtures.fsddRecordings.appendingPathComponent("7_nicolas_20.wav").path)", "text": "seven"}
            {"audio_filepath": "\(Fixtures.fsddRecordings.appendingPathComponent("7_nicolas_20.wav").path)", "text": "<other> seven"}

            """.write(to: manifest, atomically: true, encoding: .utf8)
        #expect(try trainingClips(["--rehearse", manifest.path]) == 12)
    }

    @Test func rehearsalKeepsTheModelsWordsAndNeedsAModel() throws {
        let directory = try Fixtures.temporaryDirectory("earshot-finetune-cli")
        let out = directory.appendingPathComponent("x.safetensors")
        let manifest = directory.appendingPathComponent("new-word.jsonl")
        try """
            {"audio_filepath": "\(Fixtures.fsddRecordings.appendingPathComponent("7_nicolas_20.wav").path)", "text": "seven"}
            {"audio_filepath": "\(Fixtures.fsddRecordings.appendingPathComponent("7_nicolas_20.wav").path)", "text": "lights"}

            """.write(to: manifest, atomically: true, encoding: .utf8)
        let unknown = try CommandLineTests.earshot(
            ["train", "--init", "default", "--data", Fixtures.fsddRecordings.path, "--out", out.path, "--rehearse", manifest.path])
        #expect(unknown.status != 0)
        #expect(unknown.errorLines == ["Error: \(manifest.path):2: word 'lights' is not in the model's vocabulary"], "\(unknown.errors)")

        for (flags, expected) in [
            (["--rehearse", "default"], "--rehearse needs --init"),
            (["--init", "default", "--rehearse", "none", "--rehearse", "default"], "--rehearse none means no rehearsal"),
            (["--init", "default", "--rehearse", "none", "--distill", "0.5"], "--distill needs rehearsal"),
            (["--init", "default", "--distill", "1.5"], "--distill must be in [0, 1]"),
        ] {
            let run = try CommandLineTests.earshot(["train", "--data", Fixtures.fsddRecordings.path, "--out", out.path] + flags)
            #expect(run.status != 0 && run.errors.contains(expected), "\(flags): \(run.errors)")
        }
    }

    /// The clips of the rehearsal set bundled with this build.
    static func bundledRehearsalClips() throws -> Int {
        let url = try #require(RehearsalSet.bundledManifestURL)
        return try String(contentsOf: url, encoding: .utf8).split(separator: "\n").count
    }
}
