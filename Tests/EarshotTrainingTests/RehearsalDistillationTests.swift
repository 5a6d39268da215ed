import EarshotNN
import Testing

@testable import EarshotTraining

@Suite struct RehearsalDistillationTests {
    static let config = NetworkConfig(inputSize: 3, hiddenSize: 4, numLayers: 1, numClasses: 4)
    /// Clips 5 and on are rehearsal clips: item 1 is one; item 2 joins a person's clip to one, so it is not.
    static let items = [TrainingItem(clips: [0], seed: 0), TrainingItem(clips: [5], seed: 0), TrainingItem(clips: [4, 6], seed: 0)]
    static let batch: PaddedBatch = {
        var rng = SplitMix64(seed: 41)
        let sequences = [6, 5, 4].map { frames in (0..<(frames * 3)).map { _ in 2 * rng.nextUnitFloat() - 1 } }
        return PaddedBatch(sequences: sequences, dims: 3, labels: [[1, 2], [3], [2, 1]])
    }()

    /// The `.mean` CTC loss of the network on `batch`, before and after `distillation` mixes in.
    static func losses(student: AcousticNetwork, distillation: RehearsalDistillation) -> (ctc: CTCLoss.Output, mixed: CTCLoss.Output) {
        var rng = SplitMix64(seed: 0)
        let input = Tensor(shape: [batch.frames, batch.count, batch.dims], data: batch.inputs)
        let logProbs = student.forward(input, lengths: batch.lengths, training: false, rng: &rng).logProbs
        let ctc = CTCLoss.compute(logProbs: logProbs, inputLengths: batch.lengths, targets: batch.labels, reduction: .mean)
        var mixed = ctc
        distillation.mix(into: &mixed, student: logProbs, input: input, batch: batch, items: items)
        return (ctc, mixed)
    }

    /// Sample b's rows of `tensor`.
    static func rows(_ b: Int, of tensor: Tensor) -> [Float] {
        (0..<batch.lengths[b]).flatMap { t in tensor.data[((t * batch.count + b) * 4)..<((t * batch.count + b + 1) * 4)] }
    }

    @Test(arguments: [Float(1), 0.5]) func onlyRehearsalItemsMixTheirCTCLossWithTheTeachers(weight: Float) {
        // a teacher that agrees with the model: the rehearsal item keeps 1 − λ of its CTC loss and gradient
        let network = AcousticNetwork(config: Self.config, seed: 42, threads: 1)
        let (ctc, mixed) = Self.losses(student: network, distillation: RehearsalDistillation(teacher: network, weight: weight, firstRehearsalClip: 5))
        let rehearsalShare = ctc.losses[1] / Float(Self.batch.count)  // one label
        #expect(abs(mixed.loss - (ctc.loss - weight * rehearsalShare)) <= 1e-5)
        #expect(zip(Self.rows(1, of: mixed.gradLogits), Self.rows(1, of: ctc.gradLogits)).allSatisfy { abs($0 - (1 - weight) * $1) <= 1e-6 })
        for b in [0, 2] { #expect(Self.rows(b, of: mixed.gradLogits) == Self.rows(b, of: ctc.gradLogits)) }
    }

    @Test func aTeacherThatDisagreesAddsItsDivergence() {
        let (student, teacher) = (AcousticNetwork(config: Self.config, seed: 42, threads: 1), AcousticNetwork(config: Self.config, seed: 43, threads: 1))
        let distillation = RehearsalDistillation(teacher: teacher, weight: 1, firstRehearsalClip: 5)
        let (ctc, mixed) = Self.losses(student: student, distillation: distillation)
        let (_, agreeing) = Self.losses(student: student, distillation: RehearsalDistillation(teacher: student, weight: 1, firstRehearsalClip: 5))
        #expect(mixed.loss > agreeing.loss + 1e-3, "the teacher's divergence is added: \(mixed.loss) vs \(agreeing.loss)")
        #expect(Self.rows(1, of: mixed.gradLogits) != Self.rows(1, of: agreeing.gradLogits))
        #expect(Self.rows(0, of: mixed.gradLogits) == Self.rows(0, of: ctc.gradLogits))
    }
}
