/// The processes that train one model together (data parallelism across processes, e.g.
/// `mpirun -np N earshot train`). Every process runs the same trainer with the same seed, so all
/// plan the same batches; each computes its share of every batch, and they exchange only sums of
/// gradients and losses, so their weights stay identical without being sent. Process 0 validates
/// and writes the outputs.
///
/// The calls are collective: every process makes the same calls in the same order, from one
/// thread at a time.
public protocol ProcessGroup: AnyObject {
    /// This process's index, 0..<size.
    var rank: Int { get }
    var size: Int { get }
    /// Replaces `values` on every process with their element-wise sum over the processes.
    func sum(_ values: inout [Float])
    func sum(_ values: inout [Double])
    /// Replaces `values` on every process with process 0's.
    func broadcast(_ values: inout [Double])
    /// Seconds spent in `sum` and `broadcast` so far, waiting for slower processes included.
    var communicationSeconds: Double { get }
}

extension ProcessGroup {
    /// Whether `flag` is true on any process (e.g. a stop request that reached only one).
    func any(_ flag: Bool) -> Bool {
        guard size > 1 else { return flag }
        var count = [flag ? 1.0 : 0]
        sum(&count)
        return count[0] > 0
    }
}

/// One process training alone: every sum is the process's own values.
public final class SingleProcess: ProcessGroup {
    public init() {}
    public var rank: Int { 0 }
    public var size: Int { 1 }
    public func sum(_ values: inout [Float]) {}
    public func sum(_ values: inout [Double]) {}
    public func broadcast(_ values: inout [Double]) {}
    public var communicationSeconds: Double { 0 }
}
