import ArgumentParser
import EarshotTraining

/// `earshot train`'s model and optimisation flags, with the library's defaults.
struct TrainingFlags: ParsableArguments {
    private static let defaults = TrainingConfiguration()

    @Option(help: "Passes over the training data, at most.") var epochs = defaults.epochs
    @Option(help: "Utterances per update.") var batchSize = defaults.batchSize
    @Option(name: .customLong("lr"), help: "Adam's peak learning rate.") var learningRate = defaults.learningRate
    @Option(name: .customLong("warmup"), help: "Updates of linear learning-rate warm-up.") var warmupSteps = defaults.warmupSteps
    @Option(name: .customLong("decay"), help: "Learning-rate factor per epoch.") var decayPerEpoch = defaults.decayPerEpoch
    @Option(name: .customLong("clip"), help: "Largest global gradient norm; 0 = no clipping.") var maxGradientNorm = defaults.maxGradientNorm
    @Option(help: "Dropout between GRU layers.") var dropout = defaults.dropout
    @Option(name: .customLong("hidden"), help: "GRU units per direction.") var hiddenSize = defaults.hiddenSize
    @Option(help: "Bidirectional GRU layers.") var layers = defaults.layers
    @Option(help: "Epochs without a better dev score before stopping; 0 = never stop early.") var patience = defaults.patience
    @Option(help: "Seed of initialisation, shuffling, augmentation and dropout.") var seed = defaults.seed
    @Option(help: "Threads for features and training.") var threads = defaults.threads
    @Option(help: "How training uses the threads: batch (split each batch) or directions (the GRU's two directions side by side).")
    var parallelism = defaults.parallelism

    func validate() throws {
        guard epochs > 0, batchSize > 0, hiddenSize > 0, layers > 0, threads > 0 else {
            throw ValidationError("--epochs, --batch-size, --hidden, --layers and --threads must be positive")
        }
        guard learningRate > 0, decayPerEpoch > 0, maxGradientNorm >= 0, (0..<1).contains(dropout), patience >= 0 else {
            throw ValidationError("--lr and --decay must be positive, --clip and --patience 0 or more, --dropout in [0, 1)")
        }
    }

    func configuration(augmentation: AugmentationOptions) -> TrainingConfiguration {
        var c = TrainingConfiguration()
        (c.epochs, c.batchSize, c.learningRate, c.warmupSteps) = (epochs, batchSize, learningRate, warmupSteps)
        (c.decayPerEpoch, c.maxGradientNorm, c.dropout) = (decayPerEpoch, maxGradientNorm, dropout)
        (c.hiddenSize, c.layers, c.patience, c.seed, c.threads) = (hiddenSize, layers, patience, seed, threads)
        c.parallelism = parallelism
        c.augmentation = augmentation
        return c
    }
}

extension TrainingConfiguration.Parallelism: ExpressibleByArgument {}
