import EarshotNN

/// One update's forward and backward over a batch split into sub-batches, `parts` per process,
/// that run on their own threads (data parallelism): each part's CTC loss is PyTorch's mean over
/// its utterances of loss / label count (less the `ConfidencePenalty`'s mean entropy, when on),
/// weighted by its share of the batch, so the summed loss and gradients equal those of the whole
/// batch at once. Sub-batch g of G always holds the same items and dropout, so N processes with
/// `parts` threads each compute what one process with N × `parts` threads does; the group sums
/// the processes' shares.
struct TrainingStep {
    /// The batch's mean loss and its gradient (the network's parameter layout), equal on every process.
    var loss: Double
    var gradients: [Float]

    init(
        items: [TrainingItem], parts: Int, network: AcousticNetwork, featurizers: [ItemFeaturizer], dropoutSeed: UInt64,
        distillation: RehearsalDistillation?, confidencePenalty: Float, group: any ProcessGroup
    ) {
        // Global part g of the group's size × parts takes every total-th item from g: a batch comes
        // sorted by estimated length (`LengthBucketing`), so contiguous shares gave one part the
        // longer items and left the others waiting.
        let total = group.size * parts
        let mine = (0..<parts).map { p in
            let g = group.rank * parts + p
            return (index: g, items: stride(from: g, to: items.count, by: total).map { items[$0] })
        }.filter { !$0.items.isEmpty }
        let results = Parallel.map(mine.count, threads: max(mine.count, 1)) { p -> (Double, [Float]) in
            let (batch, order) = featurizers[p].batch(mine[p].items)
            var generator = SplitMix64(seed: DerivedSeed.make(dropoutSeed, "part", UInt64(mine[p].index)))
            let input = Tensor(shape: [batch.frames, batch.count, batch.dims], data: batch.inputs)
            let pass = network.forward(input, lengths: batch.lengths, training: true, rng: &generator)
            var ctc = CTCLoss.compute(
                logProbs: pass.logProbs, inputLengths: batch.lengths, targets: batch.labels, reduction: .mean,
                zeroInfinity: true)
            distillation?.mix(into: &ctc, student: pass.logProbs, input: input, batch: batch, items: order)
            if confidencePenalty > 0 {
                ctc.loss += ConfidencePenalty.add(
                    strength: confidencePenalty, logProbs: pass.logProbs, lengths: batch.lengths, gradLogits: &ctc.gradLogits)
            }
            var gradients = network.backward(pass, gradLogits: ctc.gradLogits).values
            // share of the whole batch: n_part / n
            let share = Float(batch.count) / Float(items.count)
            for i in gradients.indices { gradients[i] *= share }
            return (Double(ctc.loss * share), gradients)
        }
        // a process whose share of a small batch is empty adds zeros
        var sum = results.first?.1 ?? [Float](repeating: 0, count: network.layout.count)
        sum.withUnsafeMutableBufferPointer { total in
            for result in results.dropFirst() {
                result.1.withUnsafeBufferPointer { g in
                    for i in 0..<total.count { total[i] += g[i] }
                }
            }
        }
        var losses = [results.reduce(0) { $0 + $1.0 }]
        group.sum(&sum)
        group.sum(&losses)
        gradients = sum
        loss = losses[0]
    }
}
