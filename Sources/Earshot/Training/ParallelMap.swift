import Foundation

/// `[body(w, 0), body(w, 1), …, body(w, count − 1)]` computed on up to `threads` threads, each with
/// its own worker state `w` from `makeWorker` (e.g. a `Featurizer`, which owns scratch buffers).
/// Element i runs on worker i % threads: worker 0 is the caller's thread, the others are fresh
/// threads (Dispatch's `concurrentPerform` can run the work serially from a busy queue).
func parallelMap<Worker, T: Sendable>(
    _ count: Int, threads: Int, worker makeWorker: @escaping @Sendable () -> Worker,
    _ body: @escaping @Sendable (Worker, Int) -> T
) -> [T] {
    let workers = min(max(threads, 1), count)
    var results = [T?](repeating: nil, count: count)
    results.withUnsafeMutableBufferPointer { buffer in
        let out = DisjointWrites(buffer)
        let run: @Sendable (Int) -> Void = { index in
            let worker = makeWorker()
            for i in stride(from: index, to: count, by: workers) { out.buffer[i] = body(worker, i) }
        }
        let finished = DispatchSemaphore(value: 0)
        for index in 1..<max(workers, 1) {
            Thread {
                run(index)
                finished.signal()
            }.start()
        }
        if workers > 0 { run(0) }
        for _ in 1..<max(workers, 1) { finished.wait() }
    }
    return results.map { $0! }
}

/// `parallelMap` without worker state.
func parallelMap<T: Sendable>(_ count: Int, threads: Int, _ body: @escaping @Sendable (Int) -> T) -> [T] {
    parallelMap(count, threads: threads, worker: {}) { _, i in body(i) }
}

/// The results buffer of `parallelMap`, written by several threads at disjoint indices.
private struct DisjointWrites<T>: @unchecked Sendable {
    let buffer: UnsafeMutableBufferPointer<T>
    init(_ buffer: UnsafeMutableBufferPointer<T>) { self.buffer = buffer }
}
