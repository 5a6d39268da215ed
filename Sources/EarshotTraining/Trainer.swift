import Earshot
import EarshotAudio
import EarshotFeatures
import EarshotNN
import Foundation

/// Trains an acoustic model with CTC: prepares the data once, then for each epoch runs the
/// batches (forward, loss and backward on the threads; clip; Adam update), validates, keeps the
/// best model, checkpoints, and stops early when the dev score stops improving.
///
/// Every random choice derives from the seed and the epoch, item or update number, and the
/// checkpoint holds the rest, so a run interrupted and resumed ends with the same weights as one
/// that was not (given the same threads).
///
/// With a process group of N processes (`mpirun -np N earshot train`), each process computes its
/// share of every batch and the group sums the gradients before each update (see `ProcessGroup`);
/// process 0 validates and writes the model, checkpoint, curve and summary. The batches and the
/// checkpoint do not depend on N, so a run may be resumed with a different number of processes.
///
/// With a base model (fine-tuning), training starts from its weights, with its features, CMVN
/// statistics and architecture (see `BaseModel`); `TrainingConfiguration.fineTuning(_:)` holds
/// the defaults for that.
public final class Trainer {
    public let configuration: TrainingConfiguration
    /// The front-end; nil trains with `FeatureOptions.training(for:)` of the training clips.
    public let features: FeatureOptions?
    /// The model to fine-tune, or nil to train from random weights.
    public let baseModel: BaseModel?
    public let outputs: TrainingOutputs
    /// Written into the model: the data set's name, the command line.
    public var provenance: Provenance
    /// The processes training this model together; `SingleProcess()` trains alone.
    public let group: any ProcessGroup
    private let progress: TrainingProgress
    private let stop: StopRequest

    public init(
        configuration: TrainingConfiguration = TrainingConfiguration(), features: FeatureOptions? = nil,
        baseModel: BaseModel? = nil, outputs: TrainingOutputs, provenance: Provenance = Provenance(),
        progress: TrainingProgress, stop: StopRequest = StopRequest(), group: any ProcessGroup = SingleProcess()
    ) {
        self.configuration = configuration
        self.features = features
        self.baseModel = baseModel
        self.outputs = outputs
        self.provenance = provenance
        self.progress = progress
        self.stop = stop
        self.group = group
    }

    /// Trains on `train`, validating on `dev` (may be empty: the training loss then picks the best
    /// epoch). The vocabulary is `vocabulary` or the training transcripts' words, and with a base
    /// model its symbols too. `rehearsal` (fine-tuning only: `RehearsalSet`) are clips of what the
    /// base model already knows, trained beside `train`. With `resume`, continues from the
    /// checkpoint beside the model, which must come from the same data and options.
    public func run(
        train trainClips: [LabeledClip], dev devClips: [LabeledClip], vocabulary given: Vocabulary? = nil,
        rehearsal: [LabeledClip] = [], resume: Bool = false, strict: Bool = false
    ) throws -> TrainingSummary {
        try configuration.check()
        try baseModel?.check(configuration, features: features)
        guard rehearsal.isEmpty || baseModel != nil else {
            throw TrainingError.invalidSetting("rehearsal clips are for fine-tuning: they need a base model")
        }
        try FileManager.default.createDirectory(at: outputs.model.deletingLastPathComponent(), withIntermediateDirectories: true)
        let threads = max(configuration.threads, 1)
        var vocabulary = given ?? Vocabulary(collectingFrom: trainClips)
        if let baseModel {
            vocabulary = baseModel.vocabulary(adding: vocabulary.words)
            let new = baseModel.newWords(in: vocabulary)
            progress.note(
                "fine-tuning \(baseModel.name): its features, CMVN statistics, architecture and weights; "
                    + (new.isEmpty ? "no new words" : "new words: \(new.joined(separator: " "))"))
            if !rehearsal.isEmpty {
                progress.note("rehearsing \(rehearsal.count) clips of what the model knows beside your \(trainClips.count)")
            }
        }
        let trainClips = trainClips + rehearsal
        let features = try baseModel?.features ?? self.features ?? .training(for: trainClips)
        try VocalTractLengthPerturbation(options: configuration.augmentation.vocalTractLength).check(features)
        var issues = DataIssueLog()
        let stacking = FrameStacking(factor: configuration.frameStacking)
        let train = try PreparedClips(
            trainClips, vocabulary: vocabulary, features: features, stacking: stacking, keepAudio: true, threads: threads, issues: &issues,
            strict: strict)
        let dev = try PreparedClips(
            devClips, vocabulary: vocabulary, features: features, stacking: stacking, keepAudio: false, threads: threads, issues: &issues,
            strict: strict)
        for line in issues.summaryLines { progress.note(line) }
        guard let dataStats = train.cmvnStats else {
            throw TrainingError.noTrainingData(source: trainClips.first?.listedIn ?? "training data")
        }
        let cmvn = try baseModel?.cmvnStats() ?? dataStats
        var state = try startingState(vocabulary: vocabulary, features: features, cmvn: cmvn, resume: resume)
        let normalizedDev = dev.features.map { stacking.apply(to: state.normalization.apply(to: $0)) }
        let parts = configuration.parallelism == .batch ? threads : 1
        let network = AcousticNetwork(
            config: state.network, seed: DerivedSeed.make(configuration.seed, "init"), threads: threads / parts)
        baseModel?.copyWeights(into: network, vocabulary: vocabulary)
        // the weights fine-tuning started from, also when a resumed run continues from its
        // checkpoint's: L2-SP's θ₀, and the teacher of rehearsal distillation
        let initial = network.parameterValues
        let anchor = baseModel != nil && configuration.anchorStrength > 0 ? initial : nil
        let distillation = rehearsal.isEmpty || configuration.rehearsalDistillation == 0
            ? nil : RehearsalDistillation(
                weights: initial, of: state.network, weight: configuration.rehearsalDistillation, threads: threads / parts,
                rehearsal: rehearsal, in: train)
        if resume {
            network.parameterValues = state.parameters
        } else if configuration.weightAveraging > 0 {
            state.weightAverage = WeightAverage(decay: Float(configuration.weightAveraging), values: network.parameterValues)
        }
        let noise = try configuration.augmentation.noise.recordings.map {
            try AudioReader.read($0, sampleRate: features.sampleRate).samples
        }
        let featurizers = (0..<parts).map { _ in
            ItemFeaturizer(
                data: train, cmvn: state.normalization, stacking: stacking, features: features,
                augmentation: configuration.augmentation, noise: noise)
        }
        let concatenation = ClipConcatenation(options: configuration.augmentation.concatenation)
        let noiseOnly = NoiseOnlyItems(options: configuration.augmentation.noiseOnly)
        let bucketing = LengthBucketing(batchSize: configuration.batchSize)
        let schedule = configuration.learningRateSchedule
        let maxNorm = configuration.maxGradientNorm > 0 ? Float(configuration.maxGradientNorm) : .infinity

        var ending = TrainingSummary.Ending.finished
        // this run's seconds in training steps, and in exchanging their gradients
        var (stepSeconds, exchangeSeconds) = (0.0, 0.0)
        epochs: while state.epoch <= configuration.epochs {
            let batches = EpochPlan.batches(
                frameCounts: train.features.map(\.frames), concatenation: concatenation, noiseOnly: noiseOnly, bucketing: bucketing,
                seed: configuration.seed, epoch: state.epoch)
            let itemCount = batches.reduce(0) { $0 + $1.count }
            var done = batches.prefix(state.batchesDone).reduce(0) { $0 + $1.count }
            progress.beginEpoch(state.epoch, of: configuration.epochs, items: itemCount, done: done)
            let started = TrainingProgress.uptime() - state.epochSeconds

            for batch in batches.dropFirst(state.batchesDone) {
                // every process stops at the same batch, whichever was asked
                if group.any(stop.isRequested) {
                    state.epochSeconds = TrainingProgress.uptime() - started
                    state.parameters = network.parameterValues
                    if group.rank == 0 { try state.write(to: outputs.checkpoint) }
                    progress.note("interrupted in epoch \(state.epoch); checkpoint saved to \(outputs.checkpoint.path)")
                    ending = .interrupted
                    break epochs
                }
                // forward, loss and backward (each step's gradients start from zero), summed over the processes
                let (stepStarted, exchangeStarted) = (TrainingProgress.uptime(), group.communicationSeconds)
                let step = TrainingStep(
                    items: batch, parts: parts, network: network, featurizers: featurizers,
                    dropoutSeed: DerivedSeed.make(configuration.seed, "dropout", UInt64(state.step)),
                    distillation: distillation, confidencePenalty: Float(configuration.confidencePenalty), group: group)
                stepSeconds += TrainingProgress.uptime() - stepStarted
                exchangeSeconds += group.communicationSeconds - exchangeStarted
                var gradients = step.gradients
                let norm = clipGradientNorm(&gradients, maxNorm: maxNorm)
                if let anchor {
                    addAnchorPenalty(
                        &gradients, parameters: network.parameterValues, anchor: anchor, strength: Float(configuration.anchorStrength))
                }
                if step.loss.isFinite && norm.isFinite {
                    // update
                    state.optimizer.learningRate = Float(schedule.rate(step: state.step, epoch: state.epoch))
                    state.optimizer.step(&network.parameterValues, gradients: gradients)
                    state.weightAverage?.update(with: network.parameterValues)
                    state.step += 1
                    state.epochLossSum += step.loss * Double(batch.count)
                    state.epochItems += batch.count
                    state.consecutiveNonFinite = 0
                } else {
                    state.epochSkipped += 1
                    state.consecutiveNonFinite += 1
                    progress.note("epoch \(state.epoch): skipped a batch with a non-finite loss or gradient")
                    if state.consecutiveNonFinite >= configuration.maxConsecutiveNonFinite {
                        throw TrainingError.diverged(batches: state.consecutiveNonFinite, epoch: state.epoch)
                    }
                }
                state.batchesDone += 1
                done += batch.count
                progress.update(done: done, loss: state.epochLossSum / Double(max(state.epochItems, 1)))
            }

            let summary = try endEpoch(
                &state, network: network, dev: (normalizedDev, dev.labels), vocabulary: vocabulary,
                itemsPerSecond: Double(done) / max(TrainingProgress.uptime() - started, 1e-9), started: started)
            progress.endEpoch(summary)
            if state.earlyStopping.shouldStop {
                ending = .stoppedEarly
                break
            }
        }

        if group.size > 1 {
            let share = 100 * exchangeSeconds / max(stepSeconds, 1e-9)
            progress.note(
                "\(group.size) processes: exchanging gradients took \(String(format: "%.1f", share)) % of the "
                    + "\(String(format: "%.1f", stepSeconds)) s of training steps (waiting for slower processes included)")
        }
        let result = TrainingSummary(
            ending: ending, configuration: configuration, vocabulary: vocabulary, trainingClips: train.count,
            devClips: dev.count, issues: issues, curve: state.curve, outputs: outputs)
        if group.rank == 0 {
            try TrainingCurvePlot().svg(state.curve, title: outputs.model.lastPathComponent)
                .write(to: outputs.curve, atomically: true, encoding: .utf8)
            try result.write(to: outputs.summary)
        }
        progress.finish(result.text, fields: ["ending": ending.rawValue, "best_epoch": state.earlyStopping.bestEpoch])
        return result
    }

    /// Validates (process 0, which tells the others the score), records the epoch in the curve and
    /// the early-stopping state, saves the model when it is the best so far, and checkpoints at the
    /// start of the next epoch. With a moving average of the weights, the average is validated and
    /// saved; training goes on from the weights as trained.
    private func endEpoch(
        _ state: inout TrainingCheckpoint, network: AcousticNetwork, dev: (features: [FeatureMatrix], labels: [[Int]]),
        vocabulary: Vocabulary, itemsPerSecond: Double, started: Double
    ) throws -> EpochSummary {
        state.parameters = network.parameterValues
        if let average = state.weightAverage { network.parameterValues = average.values }
        defer { network.parameterValues = state.parameters }
        let validation = dev.features.isEmpty || group.rank != 0
            ? nil
            : Validation(
                network: network, features: dev.features, labels: dev.labels, vocabulary: vocabulary,
                batchSize: 2 * configuration.batchSize, threads: configuration.parallelism == .batch ? configuration.threads : 1)
        let trainLoss = state.epochLossSum / Double(max(state.epochItems, 1))
        var score = [validation?.report.wordErrorRate ?? 0, validation?.loss ?? trainLoss]
        group.broadcast(&score)
        let isBest = state.earlyStopping.record(
            epoch: state.epoch, score: EarlyStopping.Score(wordErrorRate: score[0], loss: score[1]))
        let summary = EpochSummary(
            epoch: state.epoch, trainLoss: trainLoss, devLoss: validation?.loss,
            devWordErrorRate: validation?.report.wordErrorRate, devAccuracy: validation?.report.accuracy,
            learningRate: Double(state.optimizer.learningRate), seconds: TrainingProgress.uptime() - started,
            itemsPerSecond: itemsPerSecond,
            skippedBatches: state.epochSkipped, isBest: isBest)
        state.curve.epochs.append(summary)
        state.startNextEpoch()
        if group.rank == 0 {
            if isBest { try model(network, state: state, summary: summary).save(to: outputs.model) }
            try state.write(to: outputs.checkpoint)
        }
        return summary
    }

    /// A fresh state, or the checkpoint's when resuming (after checking it was made for this run;
    /// only the number of epochs may change).
    private func startingState(
        vocabulary: Vocabulary, features: FeatureOptions, cmvn: CMVNStats, resume: Bool
    ) throws -> TrainingCheckpoint {
        let network =
            baseModel?.network(for: vocabulary, dropout: Float(configuration.dropout))
            ?? NetworkConfig(
                inputSize: features.dimension * configuration.frameStacking, hiddenSize: configuration.hiddenSize,
                numLayers: configuration.layers,
                numClasses: vocabulary.count, dropout: Float(configuration.dropout))
        guard resume else {
            return TrainingCheckpoint(
                configuration: configuration, vocabulary: vocabulary, features: features, cmvn: cmvn, network: network,
                optimizer: Adam(learningRate: Float(configuration.learningRate)),
                earlyStopping: EarlyStopping(patience: configuration.patience))
        }
        let path = outputs.checkpoint.path
        guard FileManager.default.fileExists(atPath: path) else { throw TrainingError.noCheckpoint(path: path) }
        var state = try TrainingCheckpoint(contentsOf: outputs.checkpoint)
        var saved = state.configuration
        saved.epochs = configuration.epochs
        let mismatch: String? =
            saved != configuration ? "configuration"
            : state.vocabulary != vocabulary ? "vocabulary"
            : state.features != features ? "feature configuration"
            : state.cmvn != cmvn ? "training set (its feature statistics differ)"
            : nil
        if let mismatch { throw TrainingError.checkpointMismatch(path: path, what: mismatch) }
        state.configuration = configuration
        return state
    }

    /// The model as trained so far, with its front-end, global CMVN and provenance.
    private func model(_ network: AcousticNetwork, state: TrainingCheckpoint, summary: EpochSummary) -> Model {
        var provenance = self.provenance
        provenance.created = ISO8601DateFormatter().string(from: Date())
        provenance.epochs = summary.epoch
        if let baseModel { provenance.fineTunedFrom = baseModel.provenanceDescription }
        provenance.devFigures = [
            "dev_accuracy": summary.devAccuracy, "dev_wer": summary.devWordErrorRate, "dev_loss": summary.devLoss,
            "train_loss": summary.trainLoss,
        ].compactMapValues { $0 }
        let config = ModelConfig(
            sampleRate: state.features.sampleRate, features: state.features, cmvn: state.normalization,
            frameStacking: state.configuration.frameStacking, vocabulary: state.vocabulary.symbols, network: state.network, provenance: provenance)
        return Model(config: config, network: network)
    }
}
