/// What one epoch of training achieved.
public struct EpochSummary: Codable, Sendable, Equatable {
    /// 1-based.
    public var epoch: Int
    /// Mean CTC loss per utterance over the epoch's training batches.
    public var trainLoss: Double
    public var devLoss: Double?
    public var devWordErrorRate: Double?
    public var devAccuracy: Double?
    /// The learning rate at the epoch's last step.
    public var learningRate: Double
    /// Wall-clock seconds of the epoch, validation included.
    public var seconds: Double
    public var itemsPerSecond: Double
    /// Batches skipped for a non-finite loss or gradient.
    public var skippedBatches: Int
    /// True when this epoch's model is the best so far (and so was kept).
    public var isBest: Bool

    public init(
        epoch: Int, trainLoss: Double, devLoss: Double? = nil, devWordErrorRate: Double? = nil,
        devAccuracy: Double? = nil, learningRate: Double, seconds: Double, itemsPerSecond: Double,
        skippedBatches: Int = 0, isBest: Bool = false
    ) {
        self.epoch = epoch
        self.trainLoss = trainLoss
        self.devLoss = devLoss
        self.devWordErrorRate = devWordErrorRate
        self.devAccuracy = devAccuracy
        self.learningRate = learningRate
        self.seconds = seconds
        self.itemsPerSecond = itemsPerSecond
        self.skippedBatches = skippedBatches
        self.isBest = isBest
    }
}

/// The per-epoch history of a training run; it is kept in checkpoints and plotted at the end.
public struct TrainingCurve: Codable, Sendable, Equatable {
    public var epochs: [EpochSummary] = []

    public init(epochs: [EpochSummary] = []) { self.epochs = epochs }

    /// The epoch whose model was kept as best, if any.
    public var best: EpochSummary? { epochs.last(where: \.isBest) }
}
