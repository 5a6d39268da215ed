import EarshotTestSupport
import Foundation
import Testing

@testable import EarshotNN

/// `Tests/Fixtures/golden/gru/bigru.json`: a 2-layer BiGRU (input 5, hidden 4) from PyTorch on a
/// ragged batch (lengths 6, 4), with L = Σ output ⊙ R and every gradient.
@Suite struct GoldenGRUTests {
    let golden: [String: Any]
    let config = NetworkConfig(inputSize: 5, hiddenSize: 4, numLayers: 2, numClasses: 1)
    let batch = 2
    let steps = 6
    let lengths = [6, 4]

    init() throws { golden = try GoldenJSON.load("gru/bigru.json") }

    func tensor(_ key: String, in object: [String: Any]? = nil) throws -> GoldenTensor {
        try GoldenTensor(try #require((object ?? golden)[key]))
    }

    /// The golden state dict in the network's flat layout (the unused `fc` stays 0).
    func flatParameters(_ key: String) throws -> [Float] {
        let layout = ParameterLayout(config: config)
        let dict = try #require(golden[key] as? [String: Any])
        var flat = [Float](repeating: 0, count: layout.count)
        for (index, name) in layout.names.enumerated() where name.hasPrefix("gru.") {
            let tensor = try GoldenTensor(try #require(dict[String(name.dropFirst(4))]))
            #expect(tensor.shape == layout.shapes[index], "\(name)")
            flat.replaceSubrange(layout.range(index), with: tensor.data)
        }
        return flat
    }

    @Test(arguments: [1, 2]) func matchesPyTorch(threads: Int) throws {
        let layout = ParameterLayout(config: config)
        let parameters = try flatParameters("state_dict")
        let input = timeMajor(try tensor("input").data, batch: batch, steps: steps, size: 5)
        let run = GRU.Run(steps: steps, batch: batch, lengths: lengths, reverse: false)
        var rng = SplitMix64(seed: 1)
        let (output, finalStates, layers) = parameters.withUnsafeBufferPointer {
            GRUStack.forward(input: input, run: run, parameters: $0.baseAddress!, layout: layout, threads: threads,
                             keep: true, training: true, rng: &rng)
        }
        let expectedOutput = try tensor("output").data
        let outputBatchFirst = batchFirst(output, batch: batch, steps: steps, size: 8)
        #expect(worstToleranceExcess(outputBatchFirst, expectedOutput, atol: 1e-5, rtol: 1e-4) == 0)
        #expect(outputBatchFirst[(1 * steps + 4) * 8..<(2 * steps) * 8].allSatisfy { $0 == 0 }, "padded output is exactly 0")
        #expect(worstToleranceExcess(finalStates, try tensor("h_n").data, atol: 1e-5, rtol: 1e-4) == 0)

        // L = Σ output ⊙ R, so dL/d(output) = R
        let weights = timeMajor(try tensor("R").data, batch: batch, steps: steps, size: 8)
        let loss = Float(dot(output, weights))
        let expectedLoss = try #require(golden["loss"] as? Double)
        #expect(abs(Double(loss) - expectedLoss) <= 1e-5 + 1e-4 * abs(expectedLoss))

        var gradients = [Float](repeating: 0, count: layout.count)
        let gradInput = parameters.withUnsafeBufferPointer { p in
            gradients.withUnsafeMutableBufferPointer { g in
                GRUStack.backward(gradOutput: weights, layers: layers, run: run, parameters: p.baseAddress!,
                                  layout: layout, threads: threads, gradients: g.baseAddress!)
            }
        }
        let gradInputBatchFirst = batchFirst(gradInput, batch: batch, steps: steps, size: 5)
        #expect(worstToleranceExcess(gradInputBatchFirst, try tensor("grad_input").data, atol: 1e-5, rtol: 1e-4) == 0)
        #expect(gradInputBatchFirst[(1 * steps + 4) * 5..<(2 * steps) * 5].allSatisfy { $0 == 0 }, "padded grad is exactly 0")
        let expectedGradients = try flatParameters("grad_params")
        for (index, name) in layout.names.enumerated() where name.hasPrefix("gru.") {
            let range = layout.range(index)
            let excess = worstToleranceExcess(Array(gradients[range]), Array(expectedGradients[range]), atol: 1e-5, rtol: 1e-4)
            #expect(excess == 0, "\(name)")
        }
    }
}
