import EarshotTestSupport
import Foundation
import Testing

@testable import EarshotNN

/// Backward passes against central finite differences, (L(θ + ε) − L(θ − ε)) / 2ε, with the
/// losses accumulated in Double. Float32 forwards limit the agreement to about 1e-3, far below
/// the O(0.1) error of a wrong term.
@Suite struct GradientCheckTests {
    static func centralDifference(_ values: inout [Float], _ index: Int, epsilon: Float, _ loss: ([Float]) -> Double) -> Float {
        let saved = values[index]
        values[index] = saved + epsilon
        let plus = loss(values)
        values[index] = saved - epsilon
        let minus = loss(values)
        values[index] = saved
        return Float((plus - minus) / (2 * Double(epsilon)))
    }

    struct NetworkCase: CustomTestStringConvertible, Sendable {
        let config: NetworkConfig
        let lengths: [Int]
        let useCTC: Bool
        var testDescription: String {
            "layers \(config.numLayers) bi \(config.bidirectional) dropout \(config.dropout) lengths \(lengths) \(useCTC ? "CTC" : "Σ R⊙logp")"
        }
    }

    static let networkCases = [
        NetworkCase(config: NetworkConfig(inputSize: 3, hiddenSize: 4, numLayers: 1, numClasses: 4), lengths: [5, 2, 3], useCTC: false),
        NetworkCase(config: NetworkConfig(inputSize: 2, hiddenSize: 3, numLayers: 3, numClasses: 3, dropout: 0.3), lengths: [4, 5, 1], useCTC: false),
        NetworkCase(config: NetworkConfig(inputSize: 3, hiddenSize: 3, numLayers: 2, numClasses: 4, bidirectional: false), lengths: [3, 5], useCTC: false),
        NetworkCase(config: NetworkConfig(inputSize: 3, hiddenSize: 4, numLayers: 2, numClasses: 4), lengths: [6, 4, 5], useCTC: true),
    ]

    /// Every parameter and every input of a small network, through Linear, log-softmax and the GRU
    /// stack (both directions, ragged lengths, dropout with a fixed mask), with a weighted-sum or CTC loss.
    @Test(arguments: networkCases) func network(_ c: NetworkCase) throws {
        let network = AcousticNetwork(config: c.config, seed: 21, threads: 1)
        let (steps, batch, classes) = (c.lengths.max()!, c.lengths.count, c.config.numClasses)
        var rng = SplitMix64(seed: 22)
        var input = randomValues(steps * batch * c.config.inputSize, rng: &rng)
        let weights = randomValues(steps * batch * classes, rng: &rng)
        let targets = c.lengths.map { length in (0..<(length / 2)).map { 1 + ($0 * 7 + length) % (classes - 1) } }
        let shape = [steps, batch, c.config.inputSize]

        func run(_ parameters: [Float], _ input: [Float]) -> (ForwardPass, Double, Tensor) {
            network.parameterValues = parameters
            var dropoutRNG = SplitMix64(seed: 23)  // the same dropout mask on every run
            let pass = network.forward(Tensor(shape: shape, data: input), lengths: c.lengths, training: true, rng: &dropoutRNG)
            if c.useCTC {
                let ctc = CTCLoss.compute(logProbs: pass.logProbs, inputLengths: c.lengths, targets: targets, reduction: .sum)
                return (pass, ctc.losses.reduce(0.0) { $0 + Double($1) }, ctc.gradLogits)
            }
            // L = Σ_{valid t, b} R ⊙ logp; dL/dlogp = R masked to valid frames
            var gradLogProbs = Tensor(shape: pass.logProbs.shape)
            var loss = 0.0
            for t in 0..<steps { for b in 0..<batch where t < c.lengths[b] { for k in 0..<classes {
                let i = (t * batch + b) * classes + k
                loss += Double(weights[i]) * Double(pass.logProbs.data[i])
                gradLogProbs.data[i] = weights[i]
            } } }
            return (pass, loss, LogSoftmax.backward(gradLogProbs: gradLogProbs, logProbs: pass.logProbs))
        }

        var parameters = network.parameterValues
        let (pass, _, gradLogits) = run(parameters, input)
        let gradients = network.backward(pass, gradLogits: gradLogits)
        let numeric = parameters.indices.map { i in Self.centralDifference(&parameters, i, epsilon: 5e-3) { run($0, input).1 } }
        for (name, _) in network.parameters {
            let range = gradients.layout.range(gradients.layout.names.firstIndex(of: name)!)
            #expect(worstToleranceExcess(Array(gradients.values[range]), Array(numeric[range]), atol: 2e-3, rtol: 2e-2) == 0, "\(name)")
        }
        let numericInput = input.indices.map { i in Self.centralDifference(&input, i, epsilon: 5e-3) { run(parameters, $0).1 } }
        #expect(worstToleranceExcess(gradients.input.data, numericInput, atol: 2e-3, rtol: 2e-2) == 0)
        for t in 0..<steps { for b in 0..<batch where t >= c.lengths[b] {
            let row = (t * batch + b) * c.config.inputSize..<(t * batch + b + 1) * c.config.inputSize
            #expect(gradients.input.data[row].allSatisfy { $0 == 0 }, "padded input t=\(t) b=\(b) gets exactly 0")
        } }
    }

    struct CTCCase: CustomTestStringConvertible, Sendable {
        let name: String
        let steps: Int
        let target: [Int]
        let blankBias: Float
        var testDescription: String { name }
    }

    static let ctcCases = [
        CTCCase(name: "repeated labels", steps: 8, target: [1, 1, 2, 2], blankBias: 0),
        CTCCase(name: "blank-heavy", steps: 10, target: [3], blankBias: 4),
        CTCCase(name: "empty target", steps: 5, target: [], blankBias: 0),
        CTCCase(name: "maximum length, distinct", steps: 6, target: [1, 2, 3, 1, 2, 3], blankBias: 0),
        CTCCase(name: "maximum length, repeats", steps: 5, target: [2, 2, 2], blankBias: 0),
    ]

    /// CTC's two gradients: with respect to log-probs (the true −γ) and to logits through log-softmax.
    @Test(arguments: ctcCases, CTCLoss.Reduction.allCases) func ctc(_ c: CTCCase, reduction: CTCLoss.Reduction) {
        let (batch, classes) = (2, 4)
        var rng = SplitMix64(seed: 31)
        var logits = randomValues(c.steps * batch * classes, scale: 2, rng: &rng)
        for i in stride(from: 0, to: logits.count, by: classes) { logits[i] += c.blankBias }
        let shape = [c.steps, batch, classes]
        let lengths = [c.steps, c.steps - 1]
        let targets = [c.target, Array(c.target.prefix(max(c.target.count - 2, 0)))]
        func compute(_ logProbs: [Float]) -> CTCLoss.Output {
            CTCLoss.compute(logProbs: Tensor(shape: shape, data: logProbs), inputLengths: lengths, targets: targets, reduction: reduction)
        }
        func total(_ output: CTCLoss.Output) -> Double {
            output.losses.indices.reduce(0.0) { sum, b in
                sum + Double(output.losses[b]) * (reduction == .mean ? 1 / Double(batch * max(targets[b].count, 1)) : 1)
            }
        }
        var logProbs = LogSoftmax.forward(Tensor(shape: shape, data: logits)).data
        let output = compute(logProbs)
        #expect(output.losses.allSatisfy { $0.isFinite })
        #expect(abs(Double(output.loss) - total(output)) < 1e-4)
        let numericLogProbs = logProbs.indices.map { i in
            Self.centralDifference(&logProbs, i, epsilon: 1e-2) { total(compute($0)) }
        }
        #expect(worstToleranceExcess(output.gradLogProbs.data, numericLogProbs, atol: 2e-3, rtol: 1e-2) == 0)
        let numericLogits = logits.indices.map { i in
            Self.centralDifference(&logits, i, epsilon: 1e-2) { total(compute(LogSoftmax.forward(Tensor(shape: shape, data: $0)).data)) }
        }
        #expect(worstToleranceExcess(output.gradLogits.data, numericLogits, atol: 2e-3, rtol: 1e-2) == 0)
    }

    /// Linear and log-softmax alone, on one random case each, through their public entry points.
    @Test func linearAndLogSoftmax() {
        let (rows, inputSize, outputSize) = (3, 4, 5)
        var rng = SplitMix64(seed: 41)
        var input = randomValues(rows * inputSize, rng: &rng)
        var weight = randomValues(outputSize * inputSize, rng: &rng)
        var bias = randomValues(outputSize, rng: &rng)
        let weights = randomValues(rows * outputSize, rng: &rng)
        // L = Σ R ⊙ logsoftmax(x Wᵀ + b)
        func loss(_ input: [Float], _ weight: [Float], _ bias: [Float]) -> Double {
            var logits = [Float](repeating: 0, count: rows * outputSize)
            Linear.forward(output: &logits, input: input, weight: weight, bias: bias, rows: rows, inputSize: inputSize, outputSize: outputSize)
            return dot(LogSoftmax.forward(Tensor(shape: [rows, outputSize], data: logits)).data, weights)
        }
        var logits = [Float](repeating: 0, count: rows * outputSize)
        Linear.forward(output: &logits, input: input, weight: weight, bias: bias, rows: rows, inputSize: inputSize, outputSize: outputSize)
        let logProbs = LogSoftmax.forward(Tensor(shape: [rows, outputSize], data: logits))
        let gradLogits = LogSoftmax.backward(gradLogProbs: Tensor(shape: [rows, outputSize], data: weights), logProbs: logProbs)
        var (gradInput, gradWeight, gradBias) = ([Float](repeating: 0, count: input.count), [Float](repeating: 0, count: weight.count), [Float](repeating: 0, count: bias.count))
        Linear.backward(gradOutput: gradLogits.data, input: input, weight: weight, rows: rows, inputSize: inputSize, outputSize: outputSize,
                        gradInput: &gradInput, gradWeight: &gradWeight, gradBias: &gradBias)
        let numericInput = input.indices.map { i in Self.centralDifference(&input, i, epsilon: 1e-2) { loss($0, weight, bias) } }
        let numericWeight = weight.indices.map { i in Self.centralDifference(&weight, i, epsilon: 1e-2) { loss(input, $0, bias) } }
        let numericBias = bias.indices.map { i in Self.centralDifference(&bias, i, epsilon: 1e-2) { loss(input, weight, $0) } }
        #expect(worstToleranceExcess(gradInput, numericInput, atol: 1e-3, rtol: 1e-2) == 0)
        #expect(worstToleranceExcess(gradWeight, numericWeight, atol: 1e-3, rtol: 1e-2) == 0)
        #expect(worstToleranceExcess(gradBias, numericBias, atol: 1e-3, rtol: 1e-2) == 0)
    }
}
