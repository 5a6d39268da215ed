import Foundation
import EarshotTestSupport
import Testing

@testable import EarshotNN

@Suite struct AcousticNetworkTests {
    let config = NetworkConfig(inputSize: 3, hiddenSize: 5, numLayers: 2, numClasses: 4)

    func features(_ frames: Int, size: Int = 3, seed: UInt64 = 7) -> [Float] {
        var rng = SplitMix64(seed: seed)
        return randomValues(frames * size, rng: &rng)
    }

    @Test func parameterNamesAndShapesFollowPyTorch() {
        let shapes = AcousticNetwork.parameterShapes(config)
        #expect(shapes.map(\.name) == [
            "gru.weight_ih_l0", "gru.weight_hh_l0", "gru.bias_ih_l0", "gru.bias_hh_l0",
            "gru.weight_ih_l0_reverse", "gru.weight_hh_l0_reverse", "gru.bias_ih_l0_reverse", "gru.bias_hh_l0_reverse",
            "gru.weight_ih_l1", "gru.weight_hh_l1", "gru.bias_ih_l1", "gru.bias_hh_l1",
            "gru.weight_ih_l1_reverse", "gru.weight_hh_l1_reverse", "gru.bias_ih_l1_reverse", "gru.bias_hh_l1_reverse",
            "fc.weight", "fc.bias",
        ])
        #expect(shapes[0].shape == [15, 3] && shapes[1].shape == [15, 5] && shapes[2].shape == [15])
        #expect(shapes[8].shape == [15, 10] && shapes[16].shape == [4, 10] && shapes[17].shape == [4])
        let unidirectional = NetworkConfig(inputSize: 3, hiddenSize: 5, numLayers: 1, numClasses: 4, bidirectional: false)
        #expect(AcousticNetwork.parameterShapes(unidirectional).map(\.name)
            == ["gru.weight_ih_l0", "gru.weight_hh_l0", "gru.bias_ih_l0", "gru.bias_hh_l0", "fc.weight", "fc.bias"])
    }

    @Test func initialisationIsSeededAndBoundedAsPyTorch() {
        let a = AcousticNetwork(config: config, seed: 1), b = AcousticNetwork(config: config, seed: 1)
        #expect(a.parameterValues == b.parameterValues)
        #expect(a.parameterValues != AcousticNetwork(config: config, seed: 2).parameterValues)
        for (name, tensor) in a.parameters {
            // GRU: U(−1/√H, 1/√H); fc: U(−1/√fan_in, 1/√fan_in) with fan_in = 2H
            let bound = 1 / Float(name.hasPrefix("fc.") ? 10 : 5).squareRoot()
            #expect(tensor.data.allSatisfy { abs($0) <= bound }, "\(name)")
            #expect(tensor.data.contains { abs($0) > bound / 2 }, "\(name) uses its range")
        }
    }

    @Test func loadsNamedTensorsAndRejectsBadOnes() throws {
        let source = AcousticNetwork(config: config, seed: 3)
        var named = Dictionary(uniqueKeysWithValues: source.parameters.map { ($0.name, $0.tensor) })
        let copy = try AcousticNetwork(config: config, parameters: named)
        #expect(copy.logProbs(features(6), frames: 6) == source.logProbs(features(6), frames: 6))

        var missing = named
        missing["gru.bias_hh_l1"] = nil
        #expect(throws: NetworkError.missingParameter("gru.bias_hh_l1")) { try AcousticNetwork(config: config, parameters: missing) }
        var extra = named
        extra["fc.scale"] = Tensor(shape: [1])
        #expect(throws: NetworkError.unexpectedParameter("fc.scale")) { try AcousticNetwork(config: config, parameters: extra) }
        var wrongShape = named
        wrongShape["fc.bias"] = Tensor(shape: [5])
        #expect(throws: NetworkError.shapeMismatch(name: "fc.bias", expected: [4], actual: [5])) {
            try AcousticNetwork(config: config, parameters: wrongShape)
        }
        named["fc.weight"]!.data[7] = .nan
        #expect(throws: NetworkError.nonFinite(name: "fc.weight", index: 7)) { try AcousticNetwork(config: config, parameters: named) }
        #expect(NetworkError.nonFinite(name: "fc.weight", index: 7).description.contains("fc.weight"))
    }

    @Test func inferenceMatchesTrainingForwardAndThreadCounts() {
        let network = AcousticNetwork(config: config, seed: 4, threads: 1)
        let x = features(9)
        let single = network.logProbs(x, frames: 9)
        var rng = SplitMix64(seed: 0)
        let pass = network.forward(Tensor(shape: [9, 1, 3], data: x), lengths: [9], training: false, rng: &rng)
        #expect(pass.logProbs.data == single)
        network.threads = 2
        #expect(network.logProbs(x, frames: 9) == single)
        // log-probs: each frame's probabilities sum to 1
        for t in 0..<9 {
            let total = single[t * 4..<(t + 1) * 4].reduce(0) { $0 + expf($1) }
            #expect(abs(total - 1) < 1e-5)
        }
    }

    /// The streaming pieces (per-direction runs with carried state, then the output layer)
    /// recompose the offline result.
    @Test func directionRunsRecomposeInference() {
        let network = AcousticNetwork(config: config, seed: 5)
        let (frames, h) = (8, 5)
        let x = features(frames)
        var layerInput = x
        for layer in 0..<2 {
            // forward direction in two chunks carrying the state; reverse over the whole utterance
            let size = layer == 0 ? 3 : 10
            let first = network.runDirection(layer: layer, reverse: false, input: Array(layerInput[0..<(3 * size)]), frames: 3, initialState: nil)
            let second = network.runDirection(layer: layer, reverse: false, input: Array(layerInput[(3 * size)...]), frames: 5, initialState: first.finalState)
            let forward = first.outputs + second.outputs
            let backward = network.runDirection(layer: layer, reverse: true, input: layerInput, frames: frames, initialState: nil).outputs
            layerInput = []
            for t in 0..<frames {
                layerInput += forward[t * h..<(t + 1) * h]
                layerInput += backward[t * h..<(t + 1) * h]
            }
        }
        let recomposed = network.outputLayer(layerInput, frames: frames)
        #expect(worstToleranceExcess(recomposed, network.logProbs(x, frames: frames), atol: 1e-6, rtol: 1e-5) == 0)
    }
}
