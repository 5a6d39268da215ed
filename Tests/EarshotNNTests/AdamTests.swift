import EarshotTestSupport
import Foundation
import Testing

@testable import EarshotNN

@Suite struct AdamTests {
    /// Adam as the paper writes it (bias-corrected m̂, v̂; ε added to √v̂, as PyTorch does), in Double.
    struct ReferenceAdam {
        var m: [Double], v: [Double], t = 0
        let lr: Double, b1: Double, b2: Double, eps: Double, decay: Double

        mutating func step(_ p: inout [Double], _ g: [Double]) {
            t += 1
            for i in p.indices {
                let grad = g[i] + decay * p[i]
                m[i] = b1 * m[i] + (1 - b1) * grad
                v[i] = b2 * v[i] + (1 - b2) * grad * grad
                let mHat = m[i] / (1 - pow(b1, Double(t)))
                let vHat = v[i] / (1 - pow(b2, Double(t)))
                p[i] -= lr * mHat / (vHat.squareRoot() + eps)
            }
        }
    }

    @Test(arguments: [Float(0), 0.01]) func matchesPyTorchFormulaOverSteps(weightDecay: Float) {
        var rng = SplitMix64(seed: 11)
        var parameters = randomValues(50, rng: &rng)
        var reference = parameters.map(Double.init)
        var adam = Adam(learningRate: 0.01, weightDecay: weightDecay)
        var expected = ReferenceAdam(m: .init(repeating: 0, count: 50), v: .init(repeating: 0, count: 50),
                                     lr: 0.01, b1: 0.9, b2: 0.999, eps: 1e-8, decay: Double(weightDecay))
        for _ in 0..<20 {
            let gradients = randomValues(50, scale: 0.5, rng: &rng)
            adam.step(&parameters, gradients: gradients)
            expected.step(&reference, gradients.map(Double.init))
        }
        #expect(adam.stepCount == 20)
        #expect(worstToleranceExcess(parameters, reference.map(Float.init), atol: 1e-5, rtol: 1e-5) == 0)
    }

    @Test func firstStepMovesEachParameterByTheLearningRate() {
        var parameters: [Float] = [1, -2, 3]
        var adam = Adam()
        adam.step(&parameters, gradients: [0.5, -4, 1e-3])
        // m̂ = g, v̂ = g², so the step is lr · g / (|g| + ε) ≈ lr · sign(g)
        #expect(worstToleranceExcess(parameters, [1 - 1e-3, -2 + 1e-3, 3 - 1e-3], atol: 1e-6, rtol: 0) == 0)
    }

    @Test func stateRoundTripsThroughCodableAndResumesExactly() throws {
        var rng = SplitMix64(seed: 12)
        var parameters = randomValues(10, rng: &rng)
        var adam = Adam(learningRate: 0.05)
        adam.step(&parameters, gradients: randomValues(10, rng: &rng))
        var restored = try JSONDecoder().decode(Adam.self, from: JSONEncoder().encode(adam))
        #expect(restored == adam)
        var copy = parameters
        let gradients = randomValues(10, rng: &rng)
        adam.step(&parameters, gradients: gradients)
        restored.step(&copy, gradients: gradients)
        #expect(copy == parameters)
    }

    @Test func stateRoundTripsAsFlatMomentsAndInconsistentStateIsRefused() {
        var rng = SplitMix64(seed: 13)
        var parameters = randomValues(10, rng: &rng)
        var adam = Adam(learningRate: 0.05, weightDecay: 0.01)
        adam.step(&parameters, gradients: randomValues(10, rng: &rng))
        func resumed(_ stepCount: Int, _ first: [Float], _ second: [Float]) -> Adam? {
            Adam(
                learningRate: 0.05, beta1: 0.9, beta2: 0.999, epsilon: 1e-8, weightDecay: 0.01,
                stepCount: stepCount, firstMoment: first, secondMoment: second)
        }
        #expect(resumed(adam.stepCount, adam.firstMoment, adam.secondMoment) == adam)
        #expect(resumed(0, [], []) == Adam(learningRate: 0.05, weightDecay: 0.01))
        #expect(resumed(1, adam.firstMoment, [1]) == nil)
        #expect(resumed(0, [1], [1]) == nil)
        #expect(resumed(-1, [], []) == nil)
    }

    @Test func clippingScalesToTheMaximumNormAndReportsTheNorm() {
        var gradients: [Float] = [3, 4, 0, 12]  // norm 13
        let norm = clipGradientNorm(&gradients, maxNorm: 6.5)
        #expect(abs(norm - 13) < 1e-5)
        let clipped = gradients.reduce(0) { $0 + $1 * $1 }.squareRoot()
        #expect(abs(clipped - 6.5) < 1e-4)
        #expect(abs(gradients[0] / gradients[1] - 0.75) < 1e-6)
        var small: [Float] = [0.1, -0.2]
        #expect(abs(clipGradientNorm(&small, maxNorm: 1) - Float(0.05).squareRoot()) < 1e-6)
        #expect(small == [0.1, -0.2])
    }
}
