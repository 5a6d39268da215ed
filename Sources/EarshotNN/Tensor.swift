/// A Float32 tensor: a shape and its values in one flat, contiguous, row-major buffer.
///
/// Network tensors are time-major `[T, B, D]`: element `(t, b, d)` is at `(t * B + b) * D + d`.
public struct Tensor: Sendable, Equatable, Codable {
    public var shape: [Int]
    public var data: [Float]

    /// A tensor of `shape` filled with `value`.
    public init(shape: [Int], repeating value: Float = 0) {
        precondition(shape.allSatisfy { $0 >= 0 }, "negative dimension in \(shape)")
        self.shape = shape
        self.data = [Float](repeating: value, count: shape.reduce(1, *))
    }

    /// A tensor of `shape` holding `data` (row-major); the counts must agree.
    public init(shape: [Int], data: [Float]) {
        precondition(data.count == shape.reduce(1, *), "shape \(shape) does not hold \(data.count) values")
        self.shape = shape
        self.data = data
    }

    /// The number of elements.
    public var count: Int { data.count }
}

extension Array where Element == Float {
    /// `count` values left uninitialised, for buffers the caller overwrites entirely (an sgemm
    /// with beta 0, a layer writing every row): skips zeroing megabytes per batch.
    init(overwrittenCount count: Int) {
        // An empty array is not made by that initializer: it would write the count into the
        // singleton all empty arrays share, a data race with other threads (ThreadSanitizer).
        guard count > 0 else {
            self = []
            return
        }
        self.init(unsafeUninitializedCapacity: count) { _, initialized in initialized = count }
    }
}
