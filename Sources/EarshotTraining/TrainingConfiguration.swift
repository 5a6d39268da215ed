import Earshot
import EarshotFeatures

/// Everything that decides how a model is trained, with the defaults in one place. It is stored in
/// checkpoints (a resumed run continues with the same settings) and in the model's provenance.
public struct TrainingConfiguration: Codable, Sendable, Equatable {
    /// Passes over the training data, at most (early stopping may end sooner).
    public var epochs = 30
    /// Utterances per update.
    public var batchSize = 32
    /// Adam's peak learning rate.
    public var learningRate = 1e-3
    /// Updates of linear learning-rate warm-up.
    public var warmupSteps = 100
    /// Learning-rate factor per finished epoch.
    public var decayPerEpoch = 0.95
    /// Gradients are scaled down to this global L2 norm when above it; 0 turns clipping off.
    public var maxGradientNorm = 5.0
    /// Dropout between GRU layers (training only).
    public var dropout = 0.1
    /// β of the moving average of the weights that validation scores and the model file holds
    /// (`WeightAverage`); 0 scores and saves the weights as trained.
    public var weightAveraging = 0.0
    /// β of the confidence penalty −β · (mean per-frame entropy of the output) added to the loss
    /// (`ConfidencePenalty`); 0 turns it off.
    public var confidencePenalty = 0.0
    /// Fine-tuning only: α of the L2-SP penalty α/2 · ‖θ − θ₀‖² toward the weights fine-tuning
    /// starts from (`addAnchorPenalty`); 0 turns it off.
    public var anchorStrength = 0.0
    /// Fine-tuning only: λ of the rehearsal clips' loss (1 − λ) · CTC + λ · KL(base model ‖ model),
    /// their label's CTC loss mixed with frame-level distillation toward the model fine-tuning
    /// starts from (`DistillationLoss`); 0 trains them on their labels alone.
    public var rehearsalDistillation = 0.0
    /// GRU units per direction.
    public var hiddenSize = 128
    /// Stacked bidirectional GRU layers.
    public var layers = 2
    /// Feature frames joined into one network frame (`FrameStacking`); 1 joins none.
    public var frameStacking = 1
    /// Seeds initialisation, shuffling, augmentation and dropout: one seed, one result.
    public var seed: UInt64 = 1
    /// Epochs without a better dev score before stopping; 0 never stops early.
    public var patience = 8
    /// Threads for training and feature extraction.
    public var threads = 2
    /// How training uses the threads: split each batch between them, or run the two directions
    /// of each GRU layer side by side.
    public var parallelism = Parallelism.batch
    /// Batches in a row with a non-finite loss or gradient before training gives up.
    public var maxConsecutiveNonFinite = 20
    public var augmentation = AugmentationOptions()

    public init() {}

    /// Stored options decode with the defaults above for missing fields.
    public init(from decoder: any Decoder) throws {
        self.init()
        let c = try decoder.container(keyedBy: CodingKeys.self)
        try c.decodeIfPresent(into: &epochs, forKey: .epochs)
        try c.decodeIfPresent(into: &batchSize, forKey: .batchSize)
        try c.decodeIfPresent(into: &learningRate, forKey: .learningRate)
        try c.decodeIfPresent(into: &warmupSteps, forKey: .warmupSteps)
        try c.decodeIfPresent(into: &decayPerEpoch, forKey: .decayPerEpoch)
        try c.decodeIfPresent(into: &maxGradientNorm, forKey: .maxGradientNorm)
        try c.decodeIfPresent(into: &dropout, forKey: .dropout)
        try c.decodeIfPresent(into: &weightAveraging, forKey: .weightAveraging)
        try c.decodeIfPresent(into: &confidencePenalty, forKey: .confidencePenalty)
        try c.decodeIfPresent(into: &anchorStrength, forKey: .anchorStrength)
        try c.decodeIfPresent(into: &rehearsalDistillation, forKey: .rehearsalDistillation)
        try c.decodeIfPresent(into: &hiddenSize, forKey: .hiddenSize)
        try c.decodeIfPresent(into: &layers, forKey: .layers)
        try c.decodeIfPresent(into: &frameStacking, forKey: .frameStacking)
        try c.decodeIfPresent(into: &seed, forKey: .seed)
        try c.decodeIfPresent(into: &patience, forKey: .patience)
        try c.decodeIfPresent(into: &threads, forKey: .threads)
        try c.decodeIfPresent(into: &parallelism, forKey: .parallelism)
        try c.decodeIfPresent(into: &maxConsecutiveNonFinite, forKey: .maxConsecutiveNonFinite)
        try c.decodeIfPresent(into: &augmentation, forKey: .augmentation)
    }

    public enum Parallelism: String, Codable, Sendable, CaseIterable {
        /// Each thread takes a share of the batch; their gradients are summed.
        case batch
        /// The forward and reverse directions of each layer run on two threads.
        case directions
    }

    /// Fails, naming the field, if a setting is out of range: counts and sizes at least 1, frame
    /// stacking 1...`ModelConfig.maxFrameStacking`, rates positive, dropout and weight averaging in [0, 1).
    public func check() throws(TrainingError) {
        let counts = [("epochs", epochs), ("batchSize", batchSize), ("hiddenSize", hiddenSize), ("layers", layers)]
        if let (name, value) = counts.first(where: { $0.1 < 1 }) { throw .invalidSetting("\(name) \(value) is below 1") }
        guard (1...ModelConfig.maxFrameStacking).contains(frameStacking) else {
            throw .invalidSetting("frameStacking \(frameStacking) is outside 1...\(ModelConfig.maxFrameStacking)")
        }
        guard learningRate > 0, decayPerEpoch > 0 else { throw .invalidSetting("learningRate and decayPerEpoch must be positive") }
        guard warmupSteps >= 0, maxGradientNorm >= 0, patience >= 0, anchorStrength >= 0, confidencePenalty >= 0 else {
            throw .invalidSetting("warmupSteps, maxGradientNorm, patience, anchorStrength and confidencePenalty must be 0 or more")
        }
        guard (0..<1).contains(dropout) else { throw .invalidSetting("dropout \(dropout) is outside [0, 1)") }
        guard (0..<1).contains(weightAveraging) else { throw .invalidSetting("weightAveraging \(weightAveraging) is outside [0, 1)") }
        guard (0...1).contains(rehearsalDistillation) else {
            throw .invalidSetting("rehearsalDistillation \(rehearsalDistillation) is outside [0, 1]")
        }
    }

    public var learningRateSchedule: LearningRateSchedule {
        LearningRateSchedule(baseRate: learningRate, warmupSteps: warmupSteps, decayPerEpoch: decayPerEpoch)
    }
}
