import EarshotFeatures
import EarshotNN
import Foundation
import Testing
import EarshotTestSupport
import Earshot
@testable import EarshotTraining

/// Fine-tuning (`Trainer` with a `BaseModel`, `earshot train --init`): a small model trained on two
/// toy words is adapted to "another voice" (lower, quieter, recorded at another rate).
@Suite struct FineTuningTests {
    /// The base model: "fall" and "wobble", trained from scratch.
    static let base: Model = {
        let root = try! Fixtures.temporaryDirectory("earshot-finetune-base")
        try! ToyCorpus.write(to: root, perWord: 8, seed: 11, words: ["fall", "wobble"])
        var issues = DataIssueLog()
        let clips = try! ClipSource.load(root.path, issues: &issues)
        var configuration = ToyCorpus.configuration
        configuration.epochs = 6
        let out = root.appendingPathComponent("base.safetensors")
        _ = try! Trainer(
            configuration: configuration, features: ToyCorpus.features, outputs: TrainingOutputs(model: out),
            progress: TrainerTests.Log().progress
        ).run(train: clips, dev: [])
        return try! Model(contentsOf: out)
    }()

    /// One person's clips of `words`: lower-pitched, a fifth of the level, at 16 kHz.
    static func voice(_ words: [String], perWord: Int = 4) throws -> [LabeledClip] {
        let root = try Fixtures.temporaryDirectory("earshot-finetune-voice")
        try ToyCorpus.write(to: root, perWord: perWord, seed: 12, words: words, rate: 16000, voice: 0.85, gain: 0.2)
        var issues = DataIssueLog()
        return try ClipSource.load(root.path, issues: &issues)
    }

    /// The fine-tuning defaults for the base model, with the toy's small batches and no augmentation.
    static var configuration: TrainingConfiguration {
        var configuration = TrainingConfiguration.fineTuning(base)
        configuration.batchSize = 4
        configuration.augmentation = .none
        configuration.epochs = 4
        return configuration
    }

    static func trainer(
        _ configuration: TrainingConfiguration = configuration, features: FeatureOptions? = nil, out: URL,
        log: TrainerTests.Log = TrainerTests.Log(), stop: StopRequest = StopRequest()
    ) -> Trainer {
        Trainer(
            configuration: configuration, features: features, baseModel: BaseModel(base, name: "toy.safetensors"),
            outputs: TrainingOutputs(model: out), progress: log.progress, stop: stop)
    }

    /// Runs until just before the first update (a stop requested before the run) and returns the
    /// state training starts from.
    static func initialState(train clips: [LabeledClip], out: URL, log: TrainerTests.Log = TrainerTests.Log()) throws -> TrainingCheckpoint {
        let stop = StopRequest()
        stop.request()
        let summary = try trainer(out: out, log: log, stop: stop).run(train: clips, dev: [])
        #expect(summary.ending == .interrupted)
        let state = try TrainingCheckpoint(contentsOf: summary.outputs.checkpoint)
        #expect(state.step == 0 && state.batchesDone == 0)
        return state
    }

    /// The mean CTC loss of `model` on `clips` (its features and CMVN, no augmentation).
    static func loss(of model: Model, on clips: [LabeledClip]) throws -> Double {
        let vocabulary = Vocabulary(words: model.config.vocabulary)
        #expect(vocabulary.symbols == model.config.vocabulary)
        var issues = DataIssueLog()
        let prepared = try PreparedClips(
            clips, vocabulary: vocabulary, features: model.config.features, keepAudio: false, threads: 2, issues: &issues,
            strict: true)
        return Validation(
            network: model.network, features: prepared.features.map { model.config.cmvn.apply(to: $0) },
            labels: prepared.labels, vocabulary: vocabulary, batchSize: 8, threads: 1
        ).loss
    }

    @Test func sameVocabularyStartsFromTheModelsWeightsAndLowersTheLoss() throws {
        let clips = try Self.voice(["fall", "wobble"])
        let out = try Fixtures.temporaryDirectory().appendingPathComponent("me.safetensors")
        let log = TrainerTests.Log()
        let start = try Self.initialState(train: clips, out: out, log: log)
        #expect(start.vocabulary.symbols == Self.base.config.vocabulary)
        #expect(start.network.hiddenSize == Self.base.config.network.hiddenSize)
        #expect(start.parameters == Self.base.network.parameterValues)
        #expect(log.lines.contains { $0.contains("fine-tuning toy.safetensors") && $0.contains("no new words") })

        // --resume with the base model continues from that checkpoint
        let summary = try Self.trainer(out: out).run(train: clips, dev: [], resume: true)
        #expect(summary.ending == .finished && summary.curve.epochs.count == Self.configuration.epochs)
        let tuned = try Model(contentsOf: out)
        let (before, after) = (try Self.loss(of: Self.base, on: clips), try Self.loss(of: tuned, on: clips))
        #expect(after < before, "loss on the fine-tuning clips: \(before) before, \(after) after")
        #expect(tuned.network.parameterValues != Self.base.network.parameterValues)
        #expect(tuned.config.provenance.fineTunedFrom?.hasPrefix("toy.safetensors") == true)
    }

    @Test func aNewWordGrowsTheOutputLayerAndKeepsTheOldRowsByName() throws {
        // "rise" sorts between the model's words: "wobble" moves from row 2 to row 3
        let clips = try Self.voice(["fall", "rise", "wobble"], perWord: 2)
        let log = TrainerTests.Log()
        let start = try Self.initialState(
            train: clips, out: try Fixtures.temporaryDirectory().appendingPathComponent("me.safetensors"), log: log)
        #expect(Self.base.config.vocabulary == ["<blank>", "fall", "wobble"])
        #expect(start.vocabulary.symbols == ["<blank>", "fall", "rise", "wobble"])
        #expect(start.network.numClasses == 4)
        #expect(log.lines.contains { $0.contains("new words: rise") })

        let network = AcousticNetwork(config: start.network, seed: 0, threads: 1)
        network.parameterValues = start.parameters
        let old = Dictionary(uniqueKeysWithValues: Self.base.network.parameters.map { ($0.name, $0.tensor) })
        for (name, tensor) in network.parameters where name.hasPrefix("gru.") {
            #expect(tensor == old[name], "\(name) not copied")
        }
        let width = 2 * start.network.hiddenSize
        func row(_ name: String, _ index: Int, of tensors: [String: Tensor]) -> [Float] {
            let size = name == "fc.weight" ? width : 1
            return Array(tensors[name]!.data[(index * size)..<((index + 1) * size)])
        }
        let new = Dictionary(uniqueKeysWithValues: network.parameters.map { ($0.name, $0.tensor) })
        for name in ["fc.weight", "fc.bias"] {
            for (newIndex, oldIndex) in [(0, 0), (1, 1), (3, 2)] {
                #expect(row(name, newIndex, of: new) == row(name, oldIndex, of: old), "\(name) row \(newIndex)")
            }
            #expect(!row(name, 2, of: new).allSatisfy { $0 == 0 }, "the new word's \(name) row is initialised")
        }
        // PyTorch's Linear initialisation: U(-1/sqrt(fan_in), 1/sqrt(fan_in))
        #expect(row("fc.weight", 2, of: new).allSatisfy { abs($0) <= 1 / Float(width).squareRoot() })

        // with the new row suppressed, the old words decode as before
        var unused = DataIssueLog()
        let input = try PreparedClips(
            try Self.voice(["fall", "wobble"], perWord: 1), vocabulary: start.vocabulary, features: Self.base.config.features,
            keepAudio: false, threads: 1, issues: &unused, strict: true
        ).features.map { Self.base.config.cmvn.apply(to: $0) }
        for features in input {
            let before = Self.base.network.logProbs(features.values, frames: features.frames)
            var after = network.logProbs(features.values, frames: features.frames)
            for t in 0..<features.frames { after.remove(at: t * 3 + 2) }  // drop "rise": rows of 4 become rows of 3
            let decode = { (values: [Float]) in
                CTCTopology().collapse(GreedyDecoder.bestPath(LogProbMatrix(frames: features.frames, classes: 3, values: values)).path)
            }
            #expect(decode(after) == decode(before))
        }
    }

    @Test func theAnchorKeepsTheWeightsNearTheModels() throws {
        let clips = try Self.voice(["fall", "wobble"])
        /// ‖θ − θ₀‖ after fine-tuning with this L2-SP strength.
        func distanceFromTheModel(anchor: Double) throws -> Double {
            var configuration = Self.configuration
            configuration.anchorStrength = anchor
            configuration.learningRate = 1e-3
            let out = try Fixtures.temporaryDirectory().appendingPathComponent("me.safetensors")
            _ = try Self.trainer(configuration, out: out).run(train: clips, dev: [])
            let tuned = try Model(contentsOf: out).network.parameterValues
            return zip(tuned, Self.base.network.parameterValues).reduce(0.0) { $0 + Double($1.0 - $1.1) * Double($1.0 - $1.1) }
                .squareRoot()
        }
        let (free, anchored) = (try distanceFromTheModel(anchor: 0), try distanceFromTheModel(anchor: 100))
        #expect(free > 0 && anchored > 0)
        #expect(anchored < free / 2, "distance from the model: \(free) free, \(anchored) anchored")
    }

    @Test func rehearsalClipsTrainBesideThePersonsAndNeedABaseModel() throws {
        let clips = try Self.voice(["fall"], perWord: 2)
        let rehearsal = try Self.voice(["fall", "wobble"], perWord: 1)
        let out = try Fixtures.temporaryDirectory().appendingPathComponent("me.safetensors")
        var quick = Self.configuration
        quick.epochs = 1
        let log = TrainerTests.Log()
        let summary = try Self.trainer(quick, out: out, log: log).run(train: clips, dev: [], rehearsal: rehearsal)
        #expect(summary.trainingClips == 4)
        #expect(log.lines.contains { $0.contains("rehearsing 2 clips of what the model knows beside your 2") }, "\(log.lines)")

        let scratch = Trainer(
            configuration: quick, features: ToyCorpus.features, outputs: TrainingOutputs(model: out), progress: TrainerTests.Log().progress)
        #expect(throws: TrainingError.invalidSetting("rehearsal clips are for fine-tuning: they need a base model")) {
            try scratch.run(train: clips, dev: [], rehearsal: rehearsal)
        }
    }

    @Test func distilledRehearsalKeepsWhatTheModelSaidAboutItsClips() throws {
        let clips = try Self.voice(["fall"], perWord: 3)
        // the base model's own voice, as the rehearsal set is the bundled model's training clips
        let root = try Fixtures.temporaryDirectory("earshot-finetune-rehearsal")
        try ToyCorpus.write(to: root, perWord: 2, seed: 13, words: ["fall", "wobble"])
        var issues = DataIssueLog()
        let rehearsal = try ClipSource.load(root.path, issues: &issues)
        let prepared = try PreparedClips(
            rehearsal, vocabulary: Vocabulary(words: Self.base.config.vocabulary), features: Self.base.config.features,
            keepAudio: false, threads: 2, issues: &issues, strict: true)
        /// The mean over the rehearsal clips' frames of KL(base model ‖ model fine-tuned with distillation weight λ).
        func divergenceFromTheModel(distillation: Double) throws -> Double {
            var configuration = Self.configuration
            (configuration.anchorStrength, configuration.rehearsalDistillation, configuration.learningRate) = (0, distillation, 3e-3)
            configuration.epochs = 8
            let out = try Fixtures.temporaryDirectory().appendingPathComponent("me.safetensors")
            _ = try Self.trainer(configuration, out: out).run(train: clips, dev: [], rehearsal: rehearsal)
            let tuned = try Model(contentsOf: out).network
            var (sum, frames) = (0.0, 0)
            for matrix in prepared.features {
                let input = Self.base.config.cmvn.apply(to: matrix)
                let (p, q) = (tuned.logProbs(input.values, frames: input.frames), Self.base.network.logProbs(input.values, frames: input.frames))
                sum += zip(p, q).reduce(0.0) { $0 + exp(Double($1.1)) * Double($1.1 - $1.0) }
                frames += input.frames
            }
            return sum / Double(frames)
        }
        let (labels, distilled) = (try divergenceFromTheModel(distillation: 0), try divergenceFromTheModel(distillation: 1))
        #expect(distilled < labels / 4, "KL from the model on the rehearsal clips: \(labels) with labels, \(distilled) distilled")
    }

    @Test func featuresAndCMVNComeFromTheModelNotTheData() throws {
        let clips = try Self.voice(["fall", "wobble"])
        // the data alone would give 16 kHz features and other statistics
        #expect(try FeatureOptions.training(for: clips).sampleRate == 16000)
        var issues = DataIssueLog()
        let dataStats = try PreparedClips(
            clips, vocabulary: Vocabulary(collectingFrom: clips), features: Self.base.config.features, keepAudio: false, threads: 2,
            issues: &issues, strict: true
        ).cmvnStats
        #expect(dataStats != Self.base.config.cmvn.stats)

        var configuration = Self.configuration
        configuration.epochs = 1
        let out = try Fixtures.temporaryDirectory().appendingPathComponent("me.safetensors")
        _ = try Self.trainer(configuration, out: out).run(train: clips, dev: [])
        let tuned = try Model(contentsOf: out)
        #expect(tuned.config.features == Self.base.config.features)
        #expect(tuned.config.sampleRate == Self.base.config.sampleRate)
        #expect(tuned.config.cmvn == Self.base.config.cmvn)
        #expect(try TrainingCheckpoint(contentsOf: TrainingOutputs(model: out).checkpoint).cmvn == Self.base.config.cmvn.stats)
    }

    @Test func aConflictingSettingIsAOneLineError() throws {
        let clips = try Self.voice(["fall"], perWord: 1)
        let out = try Fixtures.temporaryDirectory().appendingPathComponent("me.safetensors")
        var configuration = Self.configuration
        configuration.hiddenSize = 16
        let hidden = #expect(throws: TrainingError.baseModelConflict(model: "toy.safetensors", detail: "--hidden 16 differs from the model's 24")) {
            try Self.trainer(configuration, out: out).run(train: clips, dev: [])
        }
        #expect(hidden?.description == "toy.safetensors: --hidden 16 differs from the model's 24; fine-tuning (--init) keeps the model's features, CMVN and architecture")
        configuration = Self.configuration
        configuration.layers = 2
        #expect(throws: TrainingError.baseModelConflict(model: "toy.safetensors", detail: "--layers 2 differs from the model's 1")) {
            try Self.trainer(configuration, out: out).run(train: clips, dev: [])
        }
        configuration = Self.configuration
        configuration.frameStacking = 2
        #expect(throws: TrainingError.baseModelConflict(model: "toy.safetensors", detail: "--stack-frames 2 differs from the model's 1")) {
            try Self.trainer(configuration, out: out).run(train: clips, dev: [])
        }
        var features = Self.base.config.features
        features.frameOptions.dither = 1
        let error = #expect(throws: TrainingError.self) { try Self.trainer(features: features, out: out).run(train: clips, dev: []) }
        #expect(error?.description.split(separator: "\n").count == 1)
        #expect(!FileManager.default.fileExists(atPath: out.path), "nothing trained")
        // the model's own features are no conflict
        var quick = Self.configuration
        quick.epochs = 1
        _ = try Self.trainer(quick, features: Self.base.config.features, out: out).run(train: clips, dev: [])
    }
}
