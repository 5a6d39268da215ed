import Earshot
import EarshotFeatures
import EarshotNN

/// Scores the network on held-out clips after an epoch: the mean CTC loss (as in training, without
/// dropout or augmentation) and greedy-decoding accuracy, WER and CER.
struct Validation {
    var loss: Double
    var report: EvaluationReport

    /// `features[i]` are clip i's normalised features, `labels[i]` its label indices; batches of
    /// `batchSize` similar-length clips are spread over `threads` threads.
    init(network: AcousticNetwork, features: [FeatureMatrix], labels: [[Int]], vocabulary: Vocabulary, batchSize: Int, threads: Int) {
        let order = features.indices.sorted { features[$0].frames < features[$1].frames }
        let batches = stride(from: 0, to: order.count, by: batchSize).map { Array(order[$0..<min($0 + batchSize, order.count)]) }
        let results = Parallel.map(batches.count, threads: threads) { b in
            Self.score(batches[b].map { features[$0] }, labels: batches[b].map { labels[$0] }, network: network)
        }
        loss = results.reduce(0) { $0 + $1.lossSum } / Double(max(features.count, 1))
        report = EvaluationReport()
        for (reference, hypothesis) in results.flatMap(\.sequences) {
            report.add(reference: reference.map { vocabulary[$0] }, hypothesis: hypothesis.map { vocabulary[$0] })
        }
    }

    /// One batch's loss summed over its utterances, and each utterance's reference and greedy labels.
    private static func score(_ features: [FeatureMatrix], labels: [[Int]], network: AcousticNetwork)
        -> (lossSum: Double, sequences: [([Int], [Int])])
    {
        let batch = PaddedBatch(sequences: features.map(\.values), dims: network.config.inputSize, labels: labels)
        var unused = SplitMix64(seed: 0)
        let input = Tensor(shape: [batch.frames, batch.count, batch.dims], data: batch.inputs)
        let pass = network.forward(input, lengths: batch.lengths, training: false, rng: &unused)
        let ctc = CTCLoss.compute(
            logProbs: pass.logProbs, inputLengths: batch.lengths, targets: batch.labels, reduction: .mean, zeroInfinity: true)
        let classes = network.config.numClasses
        let sequences = (0..<batch.count).map { b -> ([Int], [Int]) in
            var rows = [Float]()
            rows.reserveCapacity(batch.lengths[b] * classes)
            for t in 0..<batch.lengths[b] {
                let start = (t * batch.count + b) * classes
                rows += pass.logProbs.data[start..<(start + classes)]
            }
            let path = GreedyDecoder.bestPath(LogProbMatrix(frames: batch.lengths[b], classes: classes, values: rows)).path
            return (batch.labels[b], CTCTopology().collapse(path))
        }
        return (Double(ctc.loss) * Double(batch.count), sequences)
    }
}
