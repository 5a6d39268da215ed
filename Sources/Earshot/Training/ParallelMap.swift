import Dispatch

/// `[body(w, 0), body(w, 1), …, body(w, count − 1)]` computed on up to `threads` threads, each with
/// its own worker state `w` from `makeWorker` (e.g. a `Featurizer`, which owns scratch buffers).
/// Element i runs on worker i % threads, so the split of work is the same on every run.
func parallelMap<Worker, T: Sendable>(
    _ count: Int, threads: Int, worker makeWorker: @Sendable () -> Worker, _ body: @Sendable (Worker, Int) -> T
) -> [T] {
    let workers = min(max(threads, 1), count)
    guard workers > 1 else {
        let worker = makeWorker()
        return (0..<count).map { body(worker, $0) }
    }
    var results = [T?](repeating: nil, count: count)
    results.withUnsafeMutableBufferPointer { buffer in
        let out = DisjointWrites(buffer)
        DispatchQueue.concurrentPerform(iterations: workers) { index in
            let worker = makeWorker()
            for i in stride(from: index, to: count, by: workers) { out.buffer[i] = body(worker, i) }
        }
    }
    return results.map { $0! }
}

/// `parallelMap` without worker state.
func parallelMap<T: Sendable>(_ count: Int, threads: Int, _ body: @Sendable (Int) -> T) -> [T] {
    parallelMap(count, threads: threads, worker: {}) { _, i in body(i) }
}

/// A buffer the workers of `parallelMap` write at disjoint indices.
private struct DisjointWrites<T>: @unchecked Sendable {
    let buffer: UnsafeMutableBufferPointer<T>
    init(_ buffer: UnsafeMutableBufferPointer<T>) { self.buffer = buffer }
}
