/// Groups items of similar length into batches, so little of each batch is padding, while keeping
/// the order random: shuffle, cut into pools of `poolBatches` batches, sort each pool by length,
/// cut it into batches, then shuffle the batches. Every item lands in exactly one batch.
public struct LengthBucketing: Sendable, Codable, Equatable {
    public var batchSize: Int
    /// Batches per sorting pool: larger pools pad less, smaller pools mix lengths more.
    public var poolBatches: Int

    public init(batchSize: Int, poolBatches: Int = 16) {
        precondition(batchSize > 0 && poolBatches > 0, "batch size and pool size must be positive")
        self.batchSize = batchSize
        self.poolBatches = poolBatches
    }

    /// Batches of indices into `lengths`.
    public func batches(lengths: [Int], using generator: inout some RandomNumberGenerator) -> [[Int]] {
        var order = Array(lengths.indices)
        order.shuffle(using: &generator)
        var batches: [[Int]] = []
        let poolSize = batchSize * poolBatches
        for poolStart in stride(from: 0, to: order.count, by: poolSize) {
            let pool = order[poolStart..<min(poolStart + poolSize, order.count)]
                .sorted { lengths[$0] < lengths[$1] }
            for start in stride(from: 0, to: pool.count, by: batchSize) {
                batches.append(Array(pool[start..<min(start + batchSize, pool.count)]))
            }
        }
        batches.shuffle(using: &generator)
        return batches
    }
}
