import EarshotNN

/// One update's forward and backward over a batch split into `parts` sub-batches that run on
/// their own threads (data parallelism): each part's CTC loss is PyTorch's mean over its
/// utterances of loss / label count, weighted by its share of the batch, so the summed loss and
/// gradients equal those of the whole batch at once.
struct TrainingStep {
    /// The batch's mean loss and its gradient (the network's parameter layout).
    var loss: Double
    var gradients: [Float]

    init(
        items: [TrainingItem], parts: Int, network: AcousticNetwork, featurizers: [ItemFeaturizer], dropoutSeed: UInt64
    ) {
        // Every parts-th item: a batch comes sorted by estimated length (`LengthBucketing`), so
        // contiguous halves gave one thread the longer items and left the other waiting.
        let partItems = (0..<parts).map { p in
            stride(from: p, to: items.count, by: parts).map { items[$0] }
        }.filter { !$0.isEmpty }
        let results = Parallel.map(partItems.count, threads: partItems.count) { p -> (Double, [Float]) in
            let batch = featurizers[p].batch(partItems[p])
            var generator = SplitMix64(seed: DerivedSeed.make(dropoutSeed, "part", UInt64(p)))
            let input = Tensor(shape: [batch.frames, batch.count, batch.dims], data: batch.inputs)
            let pass = network.forward(input, lengths: batch.lengths, training: true, rng: &generator)
            let ctc = CTCLoss.compute(
                logProbs: pass.logProbs, inputLengths: batch.lengths, targets: batch.labels, reduction: .mean,
                zeroInfinity: true)
            var gradients = network.backward(pass, gradLogits: ctc.gradLogits).values
            // share of the whole batch: n_part / n
            let share = Float(batch.count) / Float(items.count)
            for i in gradients.indices { gradients[i] *= share }
            return (Double(ctc.loss * share), gradients)
        }
        var sum = results[0].1
        sum.withUnsafeMutableBufferPointer { total in
            for result in results.dropFirst() {
                result.1.withUnsafeBufferPointer { g in
                    for i in 0..<total.count { total[i] += g[i] }
                }
            }
        }
        gradients = sum
        loss = results.reduce(0) { $0 + $1.0 }
    }
}
