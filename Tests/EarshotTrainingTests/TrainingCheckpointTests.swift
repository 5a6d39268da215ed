import EarshotFeatures
import EarshotNN
import EarshotTestSupport
import Foundation
import Testing

import Earshot
@testable import EarshotTraining

@Suite struct TrainingCheckpointTests {
    /// A checkpoint of the default network shape (2 × 128, 13 inputs, 21 classes) after `steps` Adam steps.
    func checkpoint(steps: Int) -> TrainingCheckpoint {
        let network = NetworkConfig(inputSize: 13, hiddenSize: 128, numLayers: 2, numClasses: 21, dropout: 0.1)
        var rng = SplitMix64(seed: 21)
        func random() -> [Float] { (0..<ParameterLayout(config: network).count).map { _ in .random(in: -1...1, using: &rng) } }
        var parameters = random()
        var optimizer = Adam(learningRate: 0.002, weightDecay: 0.01)
        for _ in 0..<steps { optimizer.step(&parameters, gradients: random()) }
        var state = TrainingCheckpoint(
            configuration: TrainingConfiguration(), vocabulary: Vocabulary(words: (0..<20).map { "w\($0)" }),
            features: ToyCorpus.features, cmvn: CMVNStats(dims: 13), network: network, optimizer: optimizer,
            earlyStopping: EarlyStopping(patience: 3))
        state.parameters = parameters
        return state
    }

    @Test(arguments: [0, 2]) func adamMomentsAreTensorsAndResumeExactly(steps: Int) throws {
        let url = try Fixtures.temporaryDirectory().appendingPathComponent("c.checkpoint.safetensors")
        let state = checkpoint(steps: steps)
        try state.write(to: url)
        let file = try SafeTensorsFile(contentsOf: url)
        #expect(file.tensors[TrainingCheckpoint.firstMomentName]?.data == state.optimizer.firstMoment)
        #expect(file.tensors[TrainingCheckpoint.secondMomentName]?.data == state.optimizer.secondMoment)
        #expect(file.metadata.values.map(\.utf8.count).reduce(0, +) < 10_000, "moments in the metadata")
        let read = try TrainingCheckpoint(contentsOf: url)
        #expect(read.optimizer == state.optimizer && read.parameters == state.parameters)
    }

    /// A run that averages its weights keeps the average as a tensor; its count of updates is the
    /// run's step count. Without the tensor, such a checkpoint is not one.
    @Test func theWeightAverageIsATensorAndResumesExactly() throws {
        let url = try Fixtures.temporaryDirectory().appendingPathComponent("c.checkpoint.safetensors")
        var state = checkpoint(steps: 2)
        state.configuration.weightAveraging = 0.9
        state.step = 2
        state.weightAverage = WeightAverage(decay: 0.9, values: state.parameters.map { $0 / 2 }, updates: 2)
        try state.write(to: url)
        let read = try TrainingCheckpoint(contentsOf: url)
        #expect(read.weightAverage != nil && read.weightAverage == state.weightAverage)

        var file = try SafeTensorsFile(contentsOf: url)
        file.tensors[TrainingCheckpoint.weightAverageName] = nil
        try file.write(to: url)
        #expect(throws: TrainingError.notACheckpoint(path: url.path)) { try TrainingCheckpoint(contentsOf: url) }
    }

    @Test func momentsOfAnotherSizeAreNotACheckpoint() throws {
        let url = try Fixtures.temporaryDirectory().appendingPathComponent("c.checkpoint.safetensors")
        try checkpoint(steps: 1).write(to: url)
        var file = try SafeTensorsFile(contentsOf: url)
        file.tensors[TrainingCheckpoint.firstMomentName] = Tensor(shape: [3], data: [1, 2, 3])
        try file.write(to: url)
        #expect(throws: TrainingError.notACheckpoint(path: url.path)) { try TrainingCheckpoint(contentsOf: url) }
    }
}
