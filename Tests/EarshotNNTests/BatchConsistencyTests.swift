import EarshotTestSupport
import Testing

@testable import EarshotNN

/// A padded batch of variable-length sequences gives each sequence the log-probs and the
/// gradients it gets alone, whatever the padding holds.
@Suite struct BatchConsistencyTests {
    /// Sequence b's first `length` rows of a time-major `[T, B, size]` buffer, as `[length, size]`.
    func sequence(_ values: [Float], _ b: Int, batch: Int, size: Int, length: Int) -> [Float] {
        var rows: [Float] = []
        for t in 0..<length { rows += values[(t * batch + b) * size..<(t * batch + b + 1) * size] }
        return rows
    }

    /// Batch 20 takes the batched recurrent products (`BLAS.stepProduct`: a block of 16 rows and
    /// the rest), batch 4 and the single sequences the per-call ones.
    @Test(arguments: [1, 2], [4, 20]) func raggedBatchEqualsSequencesAlone(threads: Int, batch: Int) {
        let config = NetworkConfig(inputSize: 4, hiddenSize: 6, numLayers: 2, numClasses: 5)
        let network = AcousticNetwork(config: config, seed: 51, threads: threads)
        let lengths = (0..<batch).map { [4, 7, 1, 5][$0 % 4] }
        let (steps, d, c) = (7, 4, 5)
        var rng = SplitMix64(seed: 52)
        // padding holds random values too: it must be ignored
        let input = randomValues(steps * batch * d, rng: &rng)
        let targets = (0..<batch).map { [[1, 2], [3, 3, 4], [2], [4, 1]][$0 % 4] }
        var noDropout = SplitMix64(seed: 0)

        let pass = network.forward(Tensor(shape: [steps, batch, d], data: input), lengths: lengths, training: false, rng: &noDropout)
        let ctc = CTCLoss.compute(logProbs: pass.logProbs, inputLengths: lengths, targets: targets, reduction: .sum)
        let gradients = network.backward(pass, gradLogits: ctc.gradLogits)

        var summed = [Float](repeating: 0, count: network.layout.count)
        for b in 0..<batch {
            let length = lengths[b]
            let alone = sequence(input, b, batch: batch, size: d, length: length)
            let single = network.forward(Tensor(shape: [length, 1, d], data: alone), lengths: [length], training: false, rng: &noDropout)
            let batchRows = sequence(pass.logProbs.data, b, batch: batch, size: c, length: length)
            #expect(worstToleranceExcess(batchRows, single.logProbs.data, atol: 1e-6, rtol: 1e-5) == 0, "log-probs of \(b)")
            let singleCTC = CTCLoss.compute(logProbs: single.logProbs, inputLengths: [length], targets: [targets[b]], reduction: .sum)
            #expect(abs(singleCTC.loss - ctc.losses[b]) <= 1e-5 * abs(singleCTC.loss))
            let singleGradients = network.backward(single, gradLogits: singleCTC.gradLogits)
            for i in summed.indices { summed[i] += singleGradients.values[i] }
            let batchInputGrad = sequence(gradients.input.data, b, batch: batch, size: d, length: length)
            #expect(worstToleranceExcess(batchInputGrad, singleGradients.input.data, atol: 1e-6, rtol: 1e-4) == 0, "input gradient of \(b)")
        }
        #expect(worstToleranceExcess(gradients.values, summed, atol: 1e-5, rtol: 1e-4) == 0)
    }

    /// forward/backward are reentrant: calls on one network from two threads at once give what
    /// the same calls give one after the other.
    @Test func concurrentCallsOnOneNetworkEqualSerialCalls() {
        let config = NetworkConfig(inputSize: 3, hiddenSize: 8, numLayers: 2, numClasses: 4, dropout: 0.2)
        let network = AcousticNetwork(config: config, seed: 53, threads: 2)
        var rng = SplitMix64(seed: 54)
        let batches = (0..<2).map { _ in Tensor(shape: [6, 2, 3], data: randomValues(36, rng: &rng)) }
        let gradLogits = (0..<2).map { _ in Tensor(shape: [6, 2, 4], data: randomValues(48, rng: &rng)) }
        func step(_ i: Int) -> [Float] {
            var dropout = SplitMix64(seed: UInt64(i))
            let pass = network.forward(batches[i], lengths: [6, 4], training: true, rng: &dropout)
            return pass.logProbs.data + network.backward(pass, gradLogits: gradLogits[i]).values
        }
        let serial = (0..<2).map(step)
        let results = UncheckedSendable(UnsafeMutableBufferPointer<[Float]>.allocate(capacity: 2))
        defer {
            _ = results.value.deinitialize()
            results.value.deallocate()
        }
        _ = results.value.initialize(from: [[], []])
        Parallel.forEach(2, threads: 2) { i in results.value[i] = step(i) }
        #expect(Array(results.value) == serial)
    }
}
