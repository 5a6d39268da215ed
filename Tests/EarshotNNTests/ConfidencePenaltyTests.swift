import Foundation
import Testing

@testable import EarshotNN

@Suite struct ConfidencePenaltyTests {
    static let (steps, batch, classes) = (4, 3, 5)
    static let lengths = [4, 2, 3]
    static let strength: Float = 0.3

    /// −β · (1/N) Σ_b (1/T_b) Σ_{t < T_b} H(softmax(z_bt)), in Double, from the logits.
    static func penalty(_ logits: [Float]) -> Double {
        let logProbs = DistillationLossTests.logSoftmax(logits)
        var sum = 0.0
        for b in 0..<batch {
            var entropy = 0.0
            for t in 0..<lengths[b] {
                let row = (t * batch + b) * classes
                for c in row..<(row + classes) { entropy -= exp(logProbs[c]) * logProbs[c] }
            }
            sum += entropy / Double(lengths[b])
        }
        return -Double(strength) * sum / Double(batch)
    }

    @Test func penaltyAndGradientAgainstFiniteDifferences() {
        var rng = SplitMix64(seed: 41)
        var logits = randomValues(Self.steps * Self.batch * Self.classes, scale: 3, rng: &rng)
        // the gradient is added to what is there: start from another loss's gradient
        let earlier = randomValues(logits.count, rng: &rng)
        var gradient = Tensor(shape: [Self.steps, Self.batch, Self.classes], data: earlier)
        let penalty = ConfidencePenalty.add(
            strength: Self.strength, logProbs: DistillationLossTests.tensor(DistillationLossTests.logSoftmax(logits)),
            lengths: Self.lengths, gradLogits: &gradient)
        let expected = Self.penalty(logits)
        #expect(penalty < 0 && abs(Double(penalty) - expected) <= 1e-5, "penalty \(penalty), expected \(expected)")
        for i in logits.indices {
            let numeric = GradientCheckTests.centralDifference(&logits, i, epsilon: 1e-2) { Self.penalty($0) }
            // steps past a sample's length keep the earlier gradient
            #expect(abs(gradient.data[i] - earlier[i] - numeric) <= 1e-4, "logit \(i)")
        }
    }

    /// A uniform output has the most entropy, log C per frame, so the penalty's gradient vanishes;
    /// a certain one (log-probs 0 and −∞) has none, and its −∞ give no NaN.
    @Test func uniformAndCertainOutputs() {
        let uniform = Tensor(shape: [Self.steps, Self.batch, Self.classes], repeating: -log(Float(Self.classes)))
        var gradient = Tensor(shape: uniform.shape)
        let penalty = ConfidencePenalty.add(strength: Self.strength, logProbs: uniform, lengths: Self.lengths, gradLogits: &gradient)
        #expect(abs(penalty + Self.strength * log(Float(Self.classes))) <= 1e-5)
        #expect(gradient.data.allSatisfy { abs($0) <= 1e-6 })

        var certain = Tensor(shape: uniform.shape, repeating: -.infinity)
        for t in 0..<Self.steps { for b in 0..<Self.batch { certain.data[(t * Self.batch + b) * Self.classes] = 0 } }
        var certainGradient = Tensor(shape: uniform.shape)
        #expect(ConfidencePenalty.add(strength: Self.strength, logProbs: certain, lengths: Self.lengths, gradLogits: &certainGradient) == 0)
        #expect(certainGradient.data.allSatisfy { $0 == 0 }, "p log p → 0 as p → 0")
    }
}
