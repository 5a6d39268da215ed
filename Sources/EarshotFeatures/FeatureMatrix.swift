/// Features of one utterance: `frames × dims`, row-major (`values[t * dims + d]`).
public struct FeatureMatrix: Sendable, Equatable {
    public var frames: Int
    public var dims: Int
    public var values: [Float]

    public init(frames: Int, dims: Int, values: [Float]) {
        precondition(values.count == frames * dims, "\(values.count) values for \(frames)×\(dims)")
        self.frames = frames
        self.dims = dims
        self.values = values
    }

    /// No frames of `dims` columns.
    public init(dims: Int) { self.init(frames: 0, dims: dims, values: []) }

    /// Row `t`.
    public subscript(frame t: Int) -> ArraySlice<Float> { values[t * dims..<(t + 1) * dims] }

    /// Frames `range` (rows of these).
    public func rows(_ range: Range<Int>) -> FeatureMatrix {
        FeatureMatrix(frames: range.count, dims: dims, values: Array(values[(range.lowerBound * dims)..<(range.upperBound * dims)]))
    }

    /// Appends the frames of `other` (same `dims`) below these.
    public mutating func append(_ other: FeatureMatrix) {
        precondition(other.dims == dims, "appending \(other.dims) columns to \(dims)")
        values.append(contentsOf: other.values)
        frames += other.frames
    }
}
