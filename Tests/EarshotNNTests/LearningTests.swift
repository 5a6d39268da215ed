import Testing

@testable import EarshotNN

/// End to end: a small BiGRU trained with CTC and Adam learns to read label sequences from noisy
/// one-hot frames (each label held 2–4 frames, 0–2 silent frames between) to near-zero loss.
@Suite struct LearningTests {
    /// A padded batch `[T, B, classes]`, its lengths and its targets.
    static func syntheticBatch(size: Int, classes: Int, rng: inout SplitMix64) -> (Tensor, [Int], [[Int]]) {
        var sequences: [[Int]] = [], targets: [[Int]] = []
        for _ in 0..<size {
            let target = (0..<Int.random(in: 1...4, using: &rng)).map { _ in Int.random(in: 1..<classes, using: &rng) }
            var frames: [Int] = []
            for label in target {
                // silence (channel 0) separates labels, so repeats stay distinguishable
                frames += [Int](repeating: 0, count: Int.random(in: (frames.last == label ? 1 : 0)...2, using: &rng))
                frames += [Int](repeating: label, count: Int.random(in: 2...4, using: &rng))
            }
            sequences.append(frames)
            targets.append(target)
        }
        let steps = sequences.map(\.count).max()!
        var batch = Tensor(shape: [steps, size, classes])
        for (b, frames) in sequences.enumerated() {
            for (t, symbol) in frames.enumerated() {
                for k in 0..<classes {
                    batch.data[(t * size + b) * classes + k] = (k == symbol ? 1 : 0) + 0.3 * (2 * rng.nextUnitFloat() - 1)
                }
            }
        }
        return (batch, sequences.map(\.count), targets)
    }

    @Test func smallBiGRULearnsSyntheticSequences() {
        let classes = 4
        let network = AcousticNetwork(
            config: NetworkConfig(inputSize: classes, hiddenSize: 16, numLayers: 1, numClasses: classes), seed: 61, threads: 1)
        var adam = Adam(learningRate: 0.02)
        var rng = SplitMix64(seed: 62)
        var losses: [Float] = []
        for _ in 0..<250 {
            let (batch, lengths, targets) = Self.syntheticBatch(size: 16, classes: classes, rng: &rng)
            let pass = network.forward(batch, lengths: lengths, training: true, rng: &rng)
            let ctc = CTCLoss.compute(logProbs: pass.logProbs, inputLengths: lengths, targets: targets, reduction: .mean)
            var gradients = network.backward(pass, gradLogits: ctc.gradLogits)
            clipGradientNorm(&gradients.values, maxNorm: 5)
            adam.step(&network.parameterValues, gradients: gradients.values)
            losses.append(ctc.loss)
        }
        let final = losses.suffix(10).reduce(0, +) / 10
        print("synthetic CTC loss: first \(losses[0]), last 10 mean \(final)")
        #expect(losses[0] > 1)
        #expect(final < 0.05)
    }
}
