import EarshotNN
import Testing
import Earshot
@testable import EarshotTraining

@Suite struct BatchingTests {
    @Test(arguments: [1, 3, 8, 64])
    func bucketingCoversEveryItemExactlyOnce(batchSize: Int) {
        var generator = SplitMix64(seed: UInt64(batchSize))
        let lengths = (0..<101).map { _ in Int.random(in: 5...300, using: &generator) }
        let batches = LengthBucketing(batchSize: batchSize, poolBatches: 4).batches(lengths: lengths, using: &generator)
        #expect(batches.flatMap { $0 }.sorted() == Array(0..<101))
        #expect(batches.allSatisfy { $0.count <= batchSize && !$0.isEmpty })
        #expect(batches.count(where: { $0.count < batchSize }) <= (101 + 4 * batchSize - 1) / (4 * batchSize))
    }

    @Test func bucketsHoldSimilarLengthsAndAreSeeded() {
        var generator = SplitMix64(seed: 1)
        let lengths = (0..<512).map { _ in Int.random(in: 10...1000, using: &generator) }
        let bucketing = LengthBucketing(batchSize: 16, poolBatches: 32)
        var a = SplitMix64(seed: 2), b = SplitMix64(seed: 2)
        let batches = bucketing.batches(lengths: lengths, using: &a)
        #expect(batches == bucketing.batches(lengths: lengths, using: &b))
        #expect(batches != bucketing.batches(lengths: lengths, using: &b))
        // Padding: frames added to reach each batch's longest item, against random batches.
        func padding(_ batches: [[Int]]) -> Int {
            batches.reduce(0) { sum, batch in
                let longest = batch.map { lengths[$0] }.max()!
                return sum + batch.reduce(0) { $0 + longest - lengths[$1] }
            }
        }
        var order = Array(lengths.indices)
        order.shuffle(using: &a)
        let random = stride(from: 0, to: order.count, by: 16).map { Array(order[$0..<($0 + 16)]) }
        #expect(padding(batches) * 5 < padding(random))
    }

    @Test func paddingIsTimeMajorWithZerosPastEachLength() {
        // Sequence 0: 3 frames, sequence 1: 1 frame; D = 2.
        let batch = PaddedBatch(sequences: [[1, 2, 3, 4, 5, 6], [7, 8]], dims: 2, labels: [[1, 2], [3]])
        #expect(batch.frames == 3 && batch.count == 2 && batch.dims == 2)
        #expect(batch.lengths == [3, 1])
        #expect(batch.inputs == [1, 2, 7, 8, 3, 4, 0, 0, 5, 6, 0, 0])
        #expect(batch.sequence(0) == [1, 2, 3, 4, 5, 6])
        #expect(batch.sequence(1) == [7, 8])
    }
}

@Suite struct EpochPlanTests {
    private let frameCounts = (0..<40).map { 30 + ($0 * 7) % 50 }

    private func plan(epoch: Int, probability: Double, noiseOnly: Double = 0, seed: UInt64 = 5) -> [[TrainingItem]] {
        var options = ClipConcatenation.Options()
        options.probability = probability
        var noiseOptions = NoiseOnlyItems.Options()
        noiseOptions.probability = noiseOnly
        return EpochPlan.batches(
            frameCounts: frameCounts, concatenation: ClipConcatenation(options: options),
            noiseOnly: NoiseOnlyItems(options: noiseOptions), bucketing: LengthBucketing(batchSize: 8), seed: seed,
            epoch: epoch)
    }

    @Test func noiseOnlyItemsAreAddedWithoutClips() {
        let items = plan(epoch: 2, probability: 0.5, noiseOnly: 0.1).flatMap { $0 }
        #expect(items.count(where: { $0.clips.isEmpty }) == 4)
        #expect(items.count(where: { $0.clips.count == 1 }) == 40)
        #expect(Set(items.map(\.seed)).count == items.count)
        // turning them off leaves the rest of the plan as it was
        #expect(plan(epoch: 2, probability: 0.5, noiseOnly: 0).flatMap { $0 }.allSatisfy { !$0.clips.isEmpty })
    }

    @Test func everyClipOnceAlonePlusTheSequences() {
        let items = plan(epoch: 1, probability: 0.5).flatMap { $0 }
        #expect(items.filter { $0.clips.count == 1 }.map { $0.clips[0] }.sorted() == Array(0..<40))
        let sequences = items.filter { $0.clips.count > 1 }
        #expect(sequences.count == 20)
        #expect(sequences.allSatisfy { (2...7).contains($0.clips.count) })
        #expect(Set(items.map(\.seed)).count == items.count)
        #expect(plan(epoch: 1, probability: 0).flatMap { $0 }.count == 40)
    }

    @Test func aFunctionOfSeedAndEpochOnly() {
        #expect(plan(epoch: 3, probability: 0.5) == plan(epoch: 3, probability: 0.5))
        #expect(plan(epoch: 3, probability: 0.5) != plan(epoch: 4, probability: 0.5))
        #expect(plan(epoch: 3, probability: 0.5) != plan(epoch: 3, probability: 0.5, seed: 6))
        #expect(DerivedSeed.make(1, "epoch", 2) != DerivedSeed.make(1, "epoch", 3))
        #expect(DerivedSeed.make(1, "epoch", 2) != DerivedSeed.make(1, "init", 2))
    }
}
