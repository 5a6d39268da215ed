/// Feature sequences of different lengths padded with zeros into one time-major tensor, with
/// their lengths and label sequences: the network's and CTC's input for one step.
public struct PaddedBatch: Sendable, Equatable {
    /// `[T, B, D]`, offset `(t * B + b) * D + d`; steps past a sequence's length are 0.
    public var inputs: [Float]
    /// T: the longest sequence's frame count.
    public var frames: Int
    /// B
    public var count: Int
    /// D
    public var dims: Int
    /// Frames of each sequence.
    public var lengths: [Int]
    /// Label indices of each sequence (no blanks).
    public var labels: [[Int]]

    /// `sequences[b]` is `frames_b × dims`, row-major.
    public init(sequences: [[Float]], dims: Int, labels: [[Int]]) {
        precondition(sequences.count == labels.count, "one label sequence per feature sequence")
        precondition(dims > 0 && sequences.allSatisfy { $0.count % dims == 0 }, "sequences are not frames × \(dims)")
        let lengths = sequences.map { $0.count / dims }
        let frames = lengths.max() ?? 0, count = sequences.count
        var inputs = [Float](repeating: 0, count: frames * count * dims)
        inputs.withUnsafeMutableBufferPointer { out in
            for (b, sequence) in sequences.enumerated() {
                sequence.withUnsafeBufferPointer { x in
                    for t in 0..<lengths[b] {
                        let from = t * dims, to = (t * count + b) * dims
                        for d in 0..<dims { out[to + d] = x[from + d] }
                    }
                }
            }
        }
        self.inputs = inputs
        self.frames = frames
        self.count = count
        self.dims = dims
        self.lengths = lengths
        self.labels = labels
    }

    /// The frames of sequence `b` taken back out of the padded tensor.
    public func sequence(_ b: Int) -> [Float] {
        (0..<lengths[b]).flatMap { t -> ArraySlice<Float> in
            let start = (t * count + b) * dims
            return inputs[start..<(start + dims)]
        }
    }
}
