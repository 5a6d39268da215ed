import EarshotNN

/// Holding out part of the training clips for validation when no dev set is given.
public enum ClipSplit {
    /// A seeded random `fraction` of `clips` (at least one, when there are two or more) as dev,
    /// the rest as training; both keep the clips' order.
    public static func holdOut(_ clips: [LabeledClip], fraction: Double, seed: UInt64)
        -> (train: [LabeledClip], dev: [LabeledClip])
    {
        guard clips.count > 1, fraction > 0 else { return (clips, []) }
        var generator = SplitMix64(seed: DerivedSeed.make(seed, "dev split"))
        let count = min(max(Int((fraction * Double(clips.count)).rounded()), 1), clips.count - 1)
        let dev = Set(Array(clips.indices).shuffled(using: &generator).prefix(count))
        return (clips.indices.filter { !dev.contains($0) }.map { clips[$0] }, dev.sorted().map { clips[$0] })
    }
}
