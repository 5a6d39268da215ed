import EarshotTestSupport
import Foundation
import Testing

@testable import EarshotNN

@Suite struct DistillationLossTests {
    static let (steps, batch, classes) = (4, 3, 5)
    static let lengths = [4, 2, 3]

    /// log-softmax over each row of C, in Double.
    static func logSoftmax(_ logits: [Float]) -> [Double] {
        stride(from: 0, to: logits.count, by: classes).flatMap { start -> [Double] in
            let row = logits[start..<(start + classes)].map(Double.init)
            let top = row.max()!
            let normalizer = top + log(row.reduce(0) { $0 + exp($1 - top) })
            return row.map { $0 - normalizer }
        }
    }

    /// Σ_{t < T_b} KL(q_t ‖ p_t) for sample b, in Double, from the student's logits.
    static func klDivergence(_ b: Int, studentLogits: [Float], teacher: [Double]) -> Double {
        let p = logSoftmax(studentLogits)
        var sum = 0.0
        for t in 0..<lengths[b] {
            let row = (t * batch + b) * classes
            for c in row..<(row + classes) { sum += exp(teacher[c]) * (teacher[c] - p[c]) }
        }
        return sum
    }

    static func tensor(_ values: [Double]) -> Tensor { Tensor(shape: [steps, batch, classes], data: values.map(Float.init)) }

    @Test(arguments: 0..<3) func lossAndGradientAgainstFiniteDifferences(sample b: Int) {
        var rng = SplitMix64(seed: 31)
        var logits = randomValues(Self.steps * Self.batch * Self.classes, scale: 2, rng: &rng)
        let teacher = Self.logSoftmax(randomValues(logits.count, scale: 2, rng: &rng))
        var gradient = Tensor(shape: [Self.steps, Self.batch, Self.classes])
        let scale: Float = 0.25
        let loss = DistillationLoss.sample(
            b, student: Self.tensor(Self.logSoftmax(logits)), teacher: Self.tensor(teacher), length: Self.lengths[b], scale: scale,
            gradLogits: &gradient)
        let expected = Self.klDivergence(b, studentLogits: logits, teacher: teacher)
        #expect(abs(Double(loss) - expected) <= 1e-5 * max(expected, 1), "loss \(loss), KL \(expected)")
        for i in logits.indices {
            let numeric = GradientCheckTests.centralDifference(&logits, i, epsilon: 1e-2) {
                Self.klDivergence(b, studentLogits: $0, teacher: teacher)
            }
            // rows of other samples, and steps past the sample's length, stay 0
            #expect(abs(gradient.data[i] - scale * numeric) <= 1e-4, "logit \(i)")
        }
    }

    @Test func aStudentThatAgreesWithItsTeacherLosesNothing() {
        var rng = SplitMix64(seed: 32)
        // a class the teacher rules out (log q = −∞) adds nothing
        var logProbs = Self.logSoftmax(randomValues(Self.steps * Self.batch * Self.classes, rng: &rng))
        logProbs[3] = -.infinity
        var gradient = Tensor(shape: [Self.steps, Self.batch, Self.classes])
        let loss = DistillationLoss.sample(
            0, student: Self.tensor(logProbs), teacher: Self.tensor(logProbs), length: Self.lengths[0], scale: 1, gradLogits: &gradient)
        #expect(loss.isFinite && abs(loss) <= 1e-6)
        #expect(gradient.data.allSatisfy { abs($0) <= 1e-6 })
    }
}
