import ArgumentParser
import Earshot
import EarshotTraining

/// `earshot train`'s model and optimisation flags, with the library's defaults. The flags whose
/// default differs when fine-tuning (`--init`) are optional: unset, they keep the base
/// configuration's value (`TrainingConfiguration()` or `.fineTuning(model)`).
struct TrainingFlags: ParsableArguments {
    private static let defaults = TrainingConfiguration()
    private static let fineTuning = TrainingConfiguration.fineTuning

    @Option(help: "Passes over the training data, at most (default: \(defaults.epochs); with --init \(fineTuning.epochs)).")
    var epochs: Int?
    @Option(help: "Utterances per update.") var batchSize = defaults.batchSize
    @Option(name: .customLong("lr"), help: "Adam's peak learning rate (default: \(defaults.learningRate); with --init \(fineTuning.learningRate)).")
    var learningRate: Double?
    @Option(name: .customLong("warmup"), help: "Updates of linear learning-rate warm-up (default: \(defaults.warmupSteps); with --init \(fineTuning.warmupSteps)).")
    var warmupSteps: Int?
    @Option(name: .customLong("decay"), help: "Learning-rate factor per epoch.") var decayPerEpoch = defaults.decayPerEpoch
    @Option(name: .customLong("clip"), help: "Largest global gradient norm; 0 = no clipping.") var maxGradientNorm = defaults.maxGradientNorm
    @Option(help: "Dropout between GRU layers.") var dropout = defaults.dropout
    @Option(
        name: .customLong("average-weights"),
        help: "β of a moving average of the weights, θ̄ ← β·θ̄ + (1 − β)·θ after every update, that validation scores and the model file holds (0.999 averages over about the last thousand updates); 0 = the weights as trained.")
    var weightAveraging = defaults.weightAveraging
    @Option(
        name: .customLong("confidence-penalty"),
        help: "β of the confidence penalty: the loss is CTC − β·(mean entropy of the output frames), so the posteriors do not saturate at 0 and 1 (Pereyra et al. 2017); 0 = off.")
    var confidencePenalty = defaults.confidencePenalty
    @Option(
        name: .customLong("anchor"),
        help: "With --init: strength α of the penalty α/2·‖θ − θ₀‖² that keeps the weights near the model's (L2-SP), so fine-tuning on a few words does not wipe out what the clips do not show, such as rejecting other words; 0 = off (default: \(fineTuning.anchorStrength)).")
    var anchorStrength: Double?
    @Option(
        name: .customLong("distill"),
        help: "With --init and rehearsal: weight λ of the rehearsal clips' loss (1 − λ)·CTC + λ·KL(model fine-tuned ‖ new model), training them toward what the model said about them as well as their labels; 0 = labels only (default: \(fineTuning.rehearsalDistillation)).")
    var rehearsalDistillation: Double?
    @Option(name: .customLong("hidden"), help: "GRU units per direction (default: \(defaults.hiddenSize); with --init the model's).")
    var hiddenSize: Int?
    @Option(help: "Bidirectional GRU layers (default: \(defaults.layers); with --init the model's).")
    var layers: Int?
    @Option(
        name: .customLong("stack-frames"),
        help: "Feature frames joined into one network frame: the GRU runs at 1/N of the frame rate, N times fewer steps (default: \(defaults.frameStacking); with --init the model's).")
    var frameStacking: Int?
    @Option(help: "Epochs without a better dev score before stopping; 0 = never stop early.") var patience = defaults.patience
    @Option(help: "Seed of initialisation, shuffling, augmentation and dropout.") var seed = defaults.seed
    @Option(help: "Threads for features and training.") var threads = defaults.threads
    @Option(help: "How training uses the threads: batch (split each batch) or directions (the GRU's two directions side by side).")
    var parallelism = defaults.parallelism

    func validate() throws {
        guard [epochs, batchSize, hiddenSize, layers, threads].allSatisfy({ ($0 ?? 1) > 0 }) else {
            throw ValidationError("--epochs, --batch-size, --hidden, --layers and --threads must be positive")
        }
        if let frameStacking, !(1...ModelConfig.maxFrameStacking).contains(frameStacking) {
            throw ValidationError("--stack-frames must be 1 to \(ModelConfig.maxFrameStacking)")
        }
        guard (learningRate ?? 1) > 0, (warmupSteps ?? 0) >= 0, decayPerEpoch > 0, maxGradientNorm >= 0, (0..<1).contains(dropout), patience >= 0,
            (anchorStrength ?? 0) >= 0, confidencePenalty >= 0
        else {
            throw ValidationError(
                "--lr and --decay must be positive, --warmup, --clip, --patience, --anchor and --confidence-penalty 0 or more, --dropout in [0, 1)")
        }
        guard (0...1).contains(rehearsalDistillation ?? 0) else { throw ValidationError("--distill must be in [0, 1]") }
        guard (0..<1).contains(weightAveraging) else { throw ValidationError("--average-weights must be in [0, 1)") }
    }

    /// `base` with the flags given: `TrainingConfiguration()` to train from scratch,
    /// `.fineTuning(model)` to fine-tune.
    func configuration(base: TrainingConfiguration = TrainingConfiguration(), augmentation: AugmentationOptions) -> TrainingConfiguration {
        var c = base
        (c.epochs, c.learningRate, c.warmupSteps) = (epochs ?? c.epochs, learningRate ?? c.learningRate, warmupSteps ?? c.warmupSteps)
        (c.hiddenSize, c.layers, c.frameStacking) = (hiddenSize ?? c.hiddenSize, layers ?? c.layers, frameStacking ?? c.frameStacking)
        (c.batchSize, c.decayPerEpoch, c.maxGradientNorm, c.dropout) = (batchSize, decayPerEpoch, maxGradientNorm, dropout)
        (c.weightAveraging, c.confidencePenalty) = (weightAveraging, confidencePenalty)
        c.anchorStrength = anchorStrength ?? c.anchorStrength
        c.rehearsalDistillation = rehearsalDistillation ?? c.rehearsalDistillation
        (c.patience, c.seed, c.threads) = (patience, seed, threads)
        c.parallelism = parallelism
        c.augmentation = augmentation
        return c
    }
}

extension TrainingConfiguration.Parallelism: ExpressibleByArgument {}
