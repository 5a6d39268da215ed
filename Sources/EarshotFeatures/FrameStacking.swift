/// A lower frame rate for the network: each run of `factor` consecutive feature frames becomes
/// one frame of `factor · dims` values, `[x_{kt}, x_{kt+1}, …, x_{kt+k−1}]`, so the network takes
/// a step every `factor` frame shifts (Pundak & Sainath, "Lower frame rate neural network acoustic
/// models", Interspeech 2016; CTC over words needs far fewer than 100 outputs a second). A last,
/// incomplete run is filled with copies of its last frame: `T` frames become `⌈T / k⌉`.
///
/// `FrameStacker` does the same to frames that arrive in pieces, with the same result.
public struct FrameStacking: Sendable, Equatable {
    /// Feature frames per network frame; 1 leaves the frames as they are.
    public let factor: Int

    public init(factor: Int) {
        precondition(factor >= 1, "frame stacking factor \(factor) is below 1")
        self.factor = factor
    }

    /// Network frames for `frames` feature frames, ⌈frames / factor⌉.
    public func stackedCount(_ frames: Int) -> Int { (frames + factor - 1) / factor }

    /// `features` stacked (unchanged when `factor` is 1).
    public func apply(to features: FeatureMatrix) -> FeatureMatrix {
        guard factor > 1, features.frames > 0 else {
            return FeatureMatrix(frames: features.frames, dims: features.dims * factor, values: features.values)
        }
        let (dims, frames) = (features.dims, features.frames)
        var values = features.values
        // the last run padded with its last frame; the rows are then already in stacked order
        for _ in frames..<(stackedCount(frames) * factor) { values += features[frame: frames - 1] }
        return FeatureMatrix(frames: stackedCount(frames), dims: dims * factor, values: values)
    }

    /// The level of each network frame: the loudest of its feature frames' `levels` (a stacked
    /// frame is speech if any part of it is).
    public func apply(toLevels levels: [Float]) -> [Float] {
        guard factor > 1 else { return levels }
        return stride(from: 0, to: levels.count, by: factor).map { levels[$0..<min($0 + factor, levels.count)].max()! }
    }
}

/// `FrameStacking` for a stream: feature frames (and their levels) in pieces of any size, stacked
/// frames out as soon as their run is complete; `finish` pads and returns the last run.
public struct FrameStacker: Sendable {
    public let stacking: FrameStacking
    /// Feature frames of an incomplete run, and their levels.
    private var pending: FeatureMatrix
    private var pendingLevels: [Float] = []

    public init(_ stacking: FrameStacking, dims: Int) {
        self.stacking = stacking
        pending = FeatureMatrix(dims: dims)
    }

    /// The complete runs among the pending frames and `features`, stacked, with their levels.
    public mutating func accept(_ features: FeatureMatrix, levels: [Float]) -> (features: FeatureMatrix, levels: [Float]) {
        precondition(levels.count == features.frames, "\(levels.count) levels for \(features.frames) frames")
        // nothing held over and whole runs in (always so without stacking): no copies into `pending`
        if pending.frames == 0 && features.frames % stacking.factor == 0 {
            return (stacking.apply(to: features), stacking.apply(toLevels: levels))
        }
        pending.append(features)
        pendingLevels += levels
        let complete = pending.frames / stacking.factor * stacking.factor
        return take(complete)
    }

    /// The pending frames as one last (padded) stacked frame, if any; the stacker is then empty.
    public mutating func finish() -> (features: FeatureMatrix, levels: [Float]) { take(pending.frames) }

    private mutating func take(_ frames: Int) -> (features: FeatureMatrix, levels: [Float]) {
        let taken = pending.rows(0..<frames), levels = Array(pendingLevels.prefix(frames))
        pending = pending.rows(frames..<pending.frames)
        pendingLevels.removeFirst(frames)
        return (stacking.apply(to: taken), stacking.apply(toLevels: levels))
    }
}
