import EarshotNN

/// One training utterance: a single clip, several clips joined with short silences, or noise
/// alone (no clips).
public struct TrainingItem: Sendable, Equatable, Codable {
    /// Indices into the training clips, in spoken order; empty for a noise-only item.
    public var clips: [Int]
    /// Seeds this item's augmentation, so the same epoch gives the same audio on any thread or resume.
    public var seed: UInt64
}

/// The batches of one epoch: every clip once, plus random sequences of clips when concatenation is
/// on and noise-only items when those are on, grouped by estimated length. A function of (seed, epoch) alone, so an interrupted epoch
/// is planned identically when resumed.
public enum EpochPlan {
    /// `frameCounts[i]` is clip i's frame count (before augmentation), used to estimate lengths.
    public static func batches(
        frameCounts: [Int], concatenation: ClipConcatenation, noiseOnly: NoiseOnlyItems, bucketing: LengthBucketing,
        seed: UInt64, epoch: Int
    ) -> [[TrainingItem]] {
        var generator = SplitMix64(seed: DerivedSeed.make(seed, "epoch", UInt64(epoch)))
        var items = frameCounts.indices.map { TrainingItem(clips: [$0], seed: 0) }
        let sequences = Int((concatenation.options.probability * Double(frameCounts.count)).rounded())
        if sequences > 0, !frameCounts.isEmpty {
            for _ in 0..<sequences {
                items.append(TrainingItem(clips: concatenation.drawSequence(from: frameCounts.count, using: &generator), seed: 0))
            }
        }
        items += Array(repeating: TrainingItem(clips: [], seed: 0), count: noiseOnly.count(forClips: frameCounts.count))
        for index in items.indices { items[index].seed = generator.next() }
        // Estimated frames: the clips plus the mean silence between them (100 frames per second).
        let meanGap = Int(50 * (concatenation.options.minSilence + concatenation.options.maxSilence))
        let lengths = items.map { item in
            item.clips.isEmpty
                ? noiseOnly.meanFrames : item.clips.reduce(0) { $0 + frameCounts[$1] } + meanGap * (item.clips.count - 1)
        }
        return bucketing.batches(lengths: lengths, using: &generator).map { $0.map { items[$0] } }
    }
}

/// Seeds derived from the run's seed and a purpose, so independent random streams (per epoch, per
/// item, for initialisation) never overlap and do not depend on the order they are drawn in.
public enum DerivedSeed {
    public static func make(_ seed: UInt64, _ purpose: String, _ index: UInt64 = 0) -> UInt64 {
        var generator = SplitMix64(seed: seed)
        for byte in purpose.utf8 { generator.state ^= UInt64(byte); _ = generator.next() }
        generator.state ^= index
        return generator.next()
    }
}
