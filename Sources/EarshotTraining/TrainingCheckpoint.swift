import Earshot
import Foundation
import EarshotFeatures
import EarshotNN

/// Everything a run needs to continue exactly where it stopped: written atomically after every
/// epoch and when training is interrupted, read by `--resume`. A safetensors file whose tensors are
/// the network's parameters and Adam's moments (PyTorch names), and the weights' moving average if
/// the run keeps one, and whose metadata holds the rest as JSON.
struct TrainingCheckpoint: Codable, Sendable {
    static let metadataKey = "earshot.training-state"
    static let optimizerKey = "earshot.optimizer"
    /// Adam's first and second moments, as PyTorch's optimizer state names them.
    static let firstMomentName = "optimizer.exp_avg", secondMomentName = "optimizer.exp_avg_sq"
    /// The moving average of the weights, flat, when the run keeps one.
    static let weightAverageName = "weight_average"

    var configuration: TrainingConfiguration
    var vocabulary: Vocabulary
    var features: FeatureOptions
    var cmvn: CMVNStats
    var network: NetworkConfig
    /// Not in the JSON: its scalars are under `optimizerKey`, its moments are tensors.
    var optimizer = Adam()
    var earlyStopping: EarlyStopping
    /// The epoch in progress (1-based) and how many of its batches are done.
    var epoch = 1
    var batchesDone = 0
    /// Updates so far, over the whole run.
    var step = 0
    /// The epoch's running loss sum (loss × utterances), utterance count, skipped batches and seconds so far.
    var epochLossSum = 0.0
    var epochItems = 0
    var epochSkipped = 0
    var epochSeconds = 0.0
    /// Batches in a row with a non-finite loss or gradient.
    var consecutiveNonFinite = 0
    var curve = TrainingCurve()
    /// Not in the JSON: stored as tensors.
    var parameters: [Float] = []
    /// With `configuration.weightAveraging` > 0: stored as a tensor; its count of updates is `step`.
    var weightAverage: WeightAverage?

    private enum CodingKeys: String, CodingKey {
        case configuration, vocabulary, features, cmvn, network, epoch, batchesDone, step, epochLossSum, epochItems,
            epochSkipped, epochSeconds, consecutiveNonFinite, curve, earlyStopping
    }

    /// Feature normalisation with the training set's global statistics: zero mean, unit variance.
    var normalization: CMVNConfig { CMVNConfig(mode: .global, normalizeVariance: true, stats: cmvn) }

    /// Moves on to the next epoch's first batch.
    mutating func startNextEpoch() {
        epoch += 1
        (batchesDone, epochLossSum, epochItems, epochSkipped, epochSeconds) = (0, 0, 0, 0, 0)
    }

    func write(to url: URL) throws {
        let layout = ParameterLayout(config: network)
        var tensors: [String: Tensor] = [:]
        for (index, name) in layout.names.enumerated() {
            let start = layout.offsets[index], shape = layout.shapes[index]
            tensors[name] = Tensor(shape: shape, data: Array(parameters[start..<(start + shape.reduce(1, *))]))
        }
        tensors[Self.firstMomentName] = Tensor(shape: [optimizer.firstMoment.count], data: optimizer.firstMoment)
        tensors[Self.secondMomentName] = Tensor(shape: [optimizer.secondMoment.count], data: optimizer.secondMoment)
        if let weightAverage { tensors[Self.weightAverageName] = Tensor(shape: [weightAverage.values.count], data: weightAverage.values) }
        let encoder = JSONEncoder()
        let metadata = [
            Self.metadataKey: String(decoding: try encoder.encode(self), as: UTF8.self),
            Self.optimizerKey: String(decoding: try encoder.encode(AdamScalars(optimizer)), as: UTF8.self),
        ]
        try SafeTensorsFile(tensors: tensors, metadata: metadata).write(to: url)
    }
}

extension TrainingCheckpoint {
    init(contentsOf url: URL) throws {
        let file = try SafeTensorsFile(contentsOf: url)
        guard let state = file.metadata[Self.metadataKey], let scalars = file.metadata[Self.optimizerKey] else {
            throw TrainingError.notACheckpoint(path: url.path)
        }
        do {
            self = try JSONDecoder().decode(Self.self, from: Data(state.utf8))
        } catch {
            throw TrainingError.unreadableCheckpoint(path: url.path, reason: describeDecodingError(error))
        }
        let layout = ParameterLayout(config: network)
        parameters = []
        parameters.reserveCapacity(layout.count)
        for (name, shape) in zip(layout.names, layout.shapes) {
            guard let tensor = file.tensors[name], tensor.shape == shape else {
                throw TrainingError.notACheckpoint(path: url.path)
            }
            parameters += tensor.data
        }
        // moments for every parameter, or none before the first step
        guard let firstMoment = file.tensors[Self.firstMomentName]?.data, [0, layout.count].contains(firstMoment.count),
            let secondMoment = file.tensors[Self.secondMomentName]?.data,
            let optimizer = try JSONDecoder().decode(AdamScalars.self, from: Data(scalars.utf8))
                .adam(firstMoment: firstMoment, secondMoment: secondMoment)
        else { throw TrainingError.notACheckpoint(path: url.path) }
        self.optimizer = optimizer
        if configuration.weightAveraging > 0 {
            guard let average = file.tensors[Self.weightAverageName]?.data, average.count == layout.count,
                let weightAverage = WeightAverage(decay: Float(configuration.weightAveraging), values: average, updates: step)
            else { throw TrainingError.notACheckpoint(path: url.path) }
            self.weightAverage = weightAverage
        }
    }
}

/// Adam's hyperparameters and step count: the optimizer state a checkpoint keeps as JSON.
private struct AdamScalars: Codable {
    var learningRate, beta1, beta2, epsilon, weightDecay: Float
    var stepCount: Int

    init(_ adam: Adam) {
        (learningRate, beta1, beta2, epsilon, weightDecay) = (adam.learningRate, adam.beta1, adam.beta2, adam.epsilon, adam.weightDecay)
        stepCount = adam.stepCount
    }

    /// The optimiser with these scalars and moments, or nil if they do not fit together.
    func adam(firstMoment: [Float], secondMoment: [Float]) -> Adam? {
        Adam(
            learningRate: learningRate, beta1: beta1, beta2: beta2, epsilon: epsilon, weightDecay: weightDecay,
            stepCount: stepCount, firstMoment: firstMoment, secondMoment: secondMoment)
    }
}
