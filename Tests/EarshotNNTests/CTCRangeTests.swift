import EarshotTestSupport
import Foundation
import Testing

@testable import EarshotNN

/// CTC far from the golden cases: long inputs and confident (peaked) outputs whose path
/// probabilities span hundreds of nats, against a plain float64 log-space alpha recursion.
@Suite struct CTCRangeTests {
    /// −log p(target | logProbs[t, c]) by the textbook recursion in Double.
    static func referenceLoss(_ logProbs: [Float], steps: Int, classes: Int, target: [Int]) -> Double {
        let extended = [0] + target.flatMap { [$0, 0] }
        func lse(_ values: [Double]) -> Double {
            let top = values.max()!
            return top == -.infinity ? top : top + log(values.reduce(0) { $0 + exp($1 - top) })
        }
        var alpha = [Double](repeating: -.infinity, count: extended.count)
        alpha[0] = Double(logProbs[extended[0]])
        if extended.count > 1 { alpha[1] = Double(logProbs[extended[1]]) }
        for t in 1..<steps {
            alpha = extended.indices.map { s in
                var terms = [alpha[s]]
                if s >= 1 { terms.append(alpha[s - 1]) }
                if s >= 2 && extended[s] != 0 && extended[s] != extended[s - 2] { terms.append(alpha[s - 2]) }
                return Double(logProbs[t * classes + extended[s]]) + lse(terms)
            }
        }
        return -lse(Array(alpha.suffix(2)))
    }

    @Test(arguments: [(200, Float(1)), (60, 40), (30, 150)]) func matchesFloat64Recursion(steps: Int, sharpness: Float) {
        let classes = 6
        var rng = SplitMix64(seed: 71)
        let target = (0..<(steps / 6)).map { _ in Int.random(in: 1..<classes, using: &rng) }
        // logits × sharpness: large sharpness makes every frame nearly one-hot, so most paths sit
        // hundreds of nats below the best one
        let logits = randomValues(steps * classes, scale: sharpness, rng: &rng)
        let logProbs = LogSoftmax.forward(Tensor(shape: [steps, 1, classes], data: logits))
        let output = CTCLoss.compute(logProbs: logProbs, inputLengths: [steps], targets: [target], reduction: .sum)
        let expected = Self.referenceLoss(logProbs.data, steps: steps, classes: classes, target: target)
        #expect(expected.isFinite && expected > 0)
        #expect(abs(Double(output.loss) - expected) <= 1e-4 + 2e-6 * expected, "loss \(output.loss) vs \(expected)")
        // γ sums to 1 over classes at every frame: gradLogProbs rows sum to −1
        for t in 0..<steps {
            let total = output.gradLogProbs.data[t * classes..<(t + 1) * classes].reduce(0, +)
            #expect(abs(total + 1) < 1e-3, "frame \(t): Σγ = \(-total)")
        }
    }
}
