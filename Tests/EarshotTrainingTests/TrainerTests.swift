import EarshotNN
import Foundation
import Testing
import EarshotTestSupport
import Earshot
import EarshotAudio
@testable import EarshotTraining

/// Serialized: two tests send SIGINT to the test process.
@Suite(.serialized) struct TrainerTests {
    /// Training data and dev data written once for the suite.
    static let corpus: (train: [LabeledClip], dev: [LabeledClip], root: URL) = {
        let root = try! Fixtures.temporaryDirectory("earshot-toy")
        try! ToyCorpus.write(to: root.appendingPathComponent("train"), perWord: 8, seed: 1)
        try! ToyCorpus.write(to: root.appendingPathComponent("dev"), perWord: 3, seed: 2)
        var issues = DataIssueLog()
        return (
            try! ClipSource.load(root.appendingPathComponent("train").path, issues: &issues),
            try! ClipSource.load(root.appendingPathComponent("dev").path, issues: &issues), root)
    }()

    /// JSON-lines progress into a buffer, with a clock that moves one second per reading.
    final class Log: @unchecked Sendable {
        var lines: [String] = []
        var now = 0.0
        /// Called with each line as it is written, on the training thread.
        var onLine: (String) -> Void = { _ in }
        lazy var progress = TrainingProgress(style: .json, write: { text in
            self.lines.append(text)
            self.onLine(text)
        }, clock: { self.now += 1; return self.now })
    }

    private func train(_ configuration: TrainingConfiguration, out: URL, log: Log = Log(), stop: StopRequest = StopRequest(), resume: Bool = false) throws -> TrainingSummary {
        let trainer = Trainer(
            configuration: configuration, features: ToyCorpus.features, outputs: TrainingOutputs(model: out),
            progress: log.progress, stop: stop)
        return try trainer.run(train: Self.corpus.train, dev: Self.corpus.dev, resume: resume)
    }

    @Test func trainsAModelThatTranscribeAndEvalUse() throws {
        let out = try Fixtures.temporaryDirectory().appendingPathComponent("toy.safetensors")
        let summary = try train(ToyCorpus.configuration, out: out)
        #expect(summary.ending == .finished)
        #expect(summary.curve.epochs.count == 12)
        #expect(summary.curve.epochs.last!.trainLoss < summary.curve.epochs.first!.trainLoss / 4)
        for url in [out, summary.outputs.checkpoint, summary.outputs.curve, summary.outputs.summary] {
            #expect(FileManager.default.fileExists(atPath: url.path), "\(url.lastPathComponent) missing")
        }
        let model = try Model(contentsOf: out)
        #expect(model.config.vocabulary == ["<blank>", "fall", "rise", "wobble"])
        #expect(model.config.cmvn.mode == .global)
        let recognizer = try Recognizer(model: model, options: DecoderOptions(beamWidth: 1))
        let clip = Self.corpus.dev[0]
        #expect(try recognizer.transcribe(path: clip.audioURL.path).text == clip.text)
        var issues = DataIssueLog()
        let report = try Evaluator.evaluate(recognizer, clips: Self.corpus.dev, threads: 2, issues: &issues)
        #expect(report.clips == 9 && issues.isEmpty)
        #expect(report.accuracy >= 0.85, "dev accuracy \(report.accuracy)")
        #expect(abs(report.wordErrorRate - summary.curve.best!.devWordErrorRate!) < 1e-9)

        let stranger = LabeledClip(audioURL: clip.audioURL, words: ["rise", "jump"], listedIn: "/m/dev.jsonl", line: 4)
        #expect(throws: DataError.unknownWord(path: "/m/dev.jsonl", line: 4, word: "jump", words: .modelVocabulary)) {
            try Evaluator.evaluate(recognizer, clips: [clip, stranger], threads: 1, issues: &issues)
        }
        let missing = LabeledClip(audioURL: URL(fileURLWithPath: "/nonexistent/a.wav"), words: ["rise"])
        let partial = try Evaluator.evaluate(recognizer, clips: [clip, missing], threads: 2, issues: &issues)
        #expect(partial.clips == 1 && issues.counts[.unreadableAudio] == 1)
    }

    /// Stacking two frames halves the network's steps; the toy words are still learnt, and the
    /// model file says how its input is built.
    @Test func aModelWithStackedFramesTrainsAndTranscribes() throws {
        let out = try Fixtures.temporaryDirectory().appendingPathComponent("stacked.safetensors")
        var configuration = ToyCorpus.configuration
        configuration.frameStacking = 2
        let summary = try train(configuration, out: out)
        let model = try Model(contentsOf: out)
        #expect(model.config.frameStacking == 2)
        #expect(model.config.network.inputSize == 2 * ToyCorpus.features.dimension)
        var issues = DataIssueLog()
        let report = try Evaluator.evaluate(
            try Recognizer(model: model, options: DecoderOptions(beamWidth: 1)), clips: Self.corpus.dev, threads: 2, issues: &issues)
        #expect(report.accuracy >= 0.85, "dev accuracy \(report.accuracy)")
        #expect(abs(report.wordErrorRate - summary.curve.best!.devWordErrorRate!) < 1e-9)
    }

    /// With a moving average of the weights, the model file holds the average (which validation
    /// scored), and training goes on from the weights as trained.
    @Test func theModelFileHoldsTheAveragedWeights() throws {
        let out = try Fixtures.temporaryDirectory().appendingPathComponent("averaged.safetensors")
        var configuration = ToyCorpus.configuration
        configuration.epochs = 1
        configuration.weightAveraging = 0.99
        let summary = try train(configuration, out: out)
        let checkpoint = try TrainingCheckpoint(contentsOf: summary.outputs.checkpoint)
        let average = try #require(checkpoint.weightAverage)
        #expect(average.updates == checkpoint.step && average.updates > 0)
        let model = try Model(contentsOf: out)
        #expect(model.network.parameterValues == average.values)
        #expect(model.network.parameterValues != checkpoint.parameters)
        var issues = DataIssueLog()
        let report = try Evaluator.evaluate(
            try Recognizer(model: model, options: DecoderOptions(beamWidth: 1)), clips: Self.corpus.dev, threads: 2, issues: &issues)
        #expect(abs(report.wordErrorRate - summary.curve.best!.devWordErrorRate!) < 1e-9)
    }

    /// The confidence penalty leaves the output less certain on clips it never trained on, and the
    /// words are still learnt.
    @Test func theConfidencePenaltyRaisesTheOutputsEntropy() throws {
        let directory = try Fixtures.temporaryDirectory()
        var entropies: [Double] = []
        for strength in [0.0, 2] {
            var configuration = ToyCorpus.configuration
            configuration.confidencePenalty = strength
            let out = directory.appendingPathComponent("penalty-\(strength).safetensors")
            let summary = try train(configuration, out: out)
            #expect(summary.curve.best!.devWordErrorRate! <= 0.15, "penalty \(strength): dev WER \(summary.curve.best!.devWordErrorRate!)")
            let model = try Model(contentsOf: out)
            let recognizer = try Recognizer(model: model, options: DecoderOptions(beamWidth: 1))
            var (entropy, frames) = (0.0, 0)
            for clip in Self.corpus.dev {
                let audio = try AudioReader.read(clip.audioURL.path, sampleRate: model.config.sampleRate)
                let logProbs = try recognizer.posteriors(audio, label: clip.audioURL.path).logProbs
                entropy -= logProbs.values.reduce(0) { $0 + Double(exp($1)) * Double($1 == -.infinity ? 0 : $1) }
                frames += logProbs.frames
            }
            entropies.append(entropy / Double(frames))
        }
        #expect(entropies[1] > 1.3 * entropies[0], "mean entropy per frame without and with the penalty: \(entropies)")
    }

    @Test func resumingAfterAnInterruptionGivesTheSameWeights() throws {
        var configuration = ToyCorpus.configuration
        configuration.epochs = 3
        configuration.augmentation = AugmentationOptions()  // every augmentation on: all randomness must resume exactly
        configuration.augmentation.reverb.probability = 0.5
        configuration.augmentation.telephoneBand.probability = 0.5
        configuration.augmentation.vocalTractLength.probability = 0.5
        configuration.dropout = 0.2
        configuration.layers = 2
        configuration.weightAveraging = 0.9
        let directory = try Fixtures.temporaryDirectory()
        let straight = directory.appendingPathComponent("straight.safetensors")
        _ = try train(configuration, out: straight)

        let interrupted = directory.appendingPathComponent("interrupted.safetensors")
        let stop = StopRequest()
        let log = Log()
        log.onLine = { line in  // stop at the second progress report of epoch 2
            if line.contains("\"event\":\"progress\"") && line.contains("\"epoch\":2") && log.lines.count(where: { $0.contains("\"epoch\":2") }) == 3 {
                stop.request()
            }
        }
        let first = try train(configuration, out: interrupted, log: log, stop: stop)
        #expect(first.ending == .interrupted)
        #expect(first.curve.epochs.count == 1)
        let resumed = try train(configuration, out: interrupted, resume: true)
        #expect(resumed.ending == .finished && resumed.curve.epochs.count == 3)

        let a = try TrainingCheckpoint(contentsOf: TrainingOutputs(model: straight).checkpoint)
        let b = try TrainingCheckpoint(contentsOf: TrainingOutputs(model: interrupted).checkpoint)
        #expect(a.parameters == b.parameters)
        #expect(a.optimizer == b.optimizer)
        #expect(a.weightAverage != nil && a.weightAverage == b.weightAverage)
        #expect(a.curve.epochs.map(\.trainLoss) == b.curve.epochs.map(\.trainLoss))
    }

    @Test func sigintBecomesAStopRequest() throws {
        let handler = InterruptHandler(message: "\nstopping (test)\n")
        defer { handler.uninstall() }
        #expect(!handler.stop.isRequested)
        raise(SIGINT)  // delivered to this thread before raise returns
        #expect(handler.stop.isRequested)
        #expect(!StopRequest().isRequested, "only stop requests that watch signals see them")
    }

    @Test func ctrlCSavesACheckpointAndStops() throws {
        let out = try Fixtures.temporaryDirectory().appendingPathComponent("sigint.safetensors")
        let handler = InterruptHandler(message: "\nstopping (test)\n")
        defer { handler.uninstall() }
        let log = Log()
        log.onLine = { line in
            guard line.contains("\"event\":\"progress\""), !handler.stop.isRequested else { return }
            raise(SIGINT)  // delivered to this thread before raise returns
        }
        let summary = try train(ToyCorpus.configuration, out: out, log: log, stop: handler.stop)
        #expect(summary.ending == .interrupted)
        let state = try TrainingCheckpoint(contentsOf: summary.outputs.checkpoint)
        #expect(state.epoch == 1 && state.batchesDone > 0)
        #expect(log.lines.contains { $0.contains("checkpoint saved") })
    }

    @Test func resumeRefusesAnotherConfiguration() throws {
        var configuration = ToyCorpus.configuration
        configuration.epochs = 1
        let out = try Fixtures.temporaryDirectory().appendingPathComponent("m.safetensors")
        _ = try train(configuration, out: out)
        configuration.hiddenSize = 8
        #expect(throws: TrainingError.checkpointMismatch(path: TrainingOutputs(model: out).checkpoint.path, what: "configuration")) {
            try train(configuration, out: out, resume: true)
        }
        let elsewhere = try Fixtures.temporaryDirectory().appendingPathComponent("none.safetensors")
        #expect(throws: TrainingError.noCheckpoint(path: TrainingOutputs(model: elsewhere).checkpoint.path)) {
            try train(configuration, out: elsewhere, resume: true)
        }
    }

    /// A dev word the training transcripts lack is named as missing from the training words.
    @Test func aDevWordOutsideTheTrainingWordsIsAnError() throws {
        let out = try Fixtures.temporaryDirectory().appendingPathComponent("m.safetensors")
        let stranger = LabeledClip(audioURL: Self.corpus.dev[0].audioURL, words: ["jump"], listedIn: "/m/dev.jsonl", line: 2)
        let trainer = Trainer(
            configuration: ToyCorpus.configuration, features: ToyCorpus.features, outputs: TrainingOutputs(model: out),
            progress: Log().progress)
        let error = #expect(throws: DataError.unknownWord(path: "/m/dev.jsonl", line: 2, word: "jump", words: .trainingWords)) {
            try trainer.run(train: Self.corpus.train, dev: [stranger])
        }
        #expect(error?.description == "/m/dev.jsonl:2: word 'jump' is not among the training words")
    }

    @Test func divergenceStopsWithAClearMessage() throws {
        var configuration = ToyCorpus.configuration
        configuration.learningRate = .infinity  // the first update makes every weight non-finite
        configuration.warmupSteps = 0
        configuration.maxGradientNorm = 0
        configuration.maxConsecutiveNonFinite = 3
        let out = try Fixtures.temporaryDirectory().appendingPathComponent("nan.safetensors")
        let log = Log()
        do {
            _ = try train(configuration, out: out, log: log)
            Issue.record("expected divergence")
        } catch let error as TrainingError {
            guard case .diverged(let batches, _) = error else { Issue.record("\(error)"); return }
            #expect(batches == 3)
            #expect(error.description.contains("non-finite"))
        }
        #expect(log.lines.contains { $0.contains("skipped a batch") })
    }
}
