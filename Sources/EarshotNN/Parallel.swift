import Foundation

/// Runs independent jobs on the caller's thread and up to `threads − 1` fresh threads. Jobs are
/// claimed one at a time, so a thread that starts late (the machine is busy) finds the work already
/// done instead of delaying the caller: on a loaded machine two threads cost little more than one.
/// (Dispatch's `concurrentPerform` ran the jobs one after another when called from a busy global
/// queue.) With one thread the jobs run in order on the caller's thread.
///
/// The closures are escaping only because they go to other threads; when a call returns every job
/// has run and no thread holds them any more.
public enum Parallel {
    /// Runs `body(0)`, …, `body(count − 1)`. Jobs may share memory only where the caller
    /// guarantees their accesses do not overlap (e.g. each writes its own part of a buffer).
    public static func forEach(_ count: Int, threads: Int, _ body: @escaping (Int) -> Void) {
        run(count, threads: threads) { body }
    }

    /// `[body(w, 0), …, body(w, count − 1)]` in that order, where `w` belongs to the thread that ran
    /// the job: each thread makes its own with `makeWorker` before its first job (e.g. a
    /// `Featurizer`, which owns scratch buffers).
    public static func map<Worker, T: Sendable>(
        _ count: Int, threads: Int, worker makeWorker: @escaping @Sendable () -> Worker,
        _ body: @escaping @Sendable (Worker, Int) -> T
    ) -> [T] {
        var results = [T?](repeating: nil, count: count)
        results.withUnsafeMutableBufferPointer { buffer in
            let results = UncheckedSendable(buffer)
            run(count, threads: threads) {
                let worker = makeWorker()
                return { i in results.value[i] = body(worker, i) }
            }
        }
        return results.map { $0! }
    }

    /// `map` without worker state.
    public static func map<T: Sendable>(_ count: Int, threads: Int, _ body: @escaping @Sendable (Int) -> T) -> [T] {
        map(count, threads: threads, worker: {}) { _, i in body(i) }
    }

    /// Runs jobs 0..<count; each thread that claims one first makes its job runner with `makeJob`.
    private static func run(_ count: Int, threads: Int, job makeJob: @escaping () -> (Int) -> Void) {
        let queue = JobQueue(count: count, makeJob: makeJob)
        for _ in 0..<max(min(threads, count) - 1, 0) {
            Thread { queue.runJobs() }.start()
        }
        queue.runJobs()
        queue.waitUntilFinished()
    }
}

/// Hands out job indices 0..<count and counts the finished ones. A thread lets go of its runner
/// before its last job counts as finished, and the queue lets go of `makeJob` once all have, so no
/// thread holds the caller's closures after `waitUntilFinished` (`withoutActuallyEscaping` checks).
private final class JobQueue: @unchecked Sendable {
    private let condition = NSCondition()
    private let count: Int
    private var makeJob: (() -> (Int) -> Void)?
    private var claimed = 0
    private var finished = 0

    init(count: Int, makeJob: @escaping () -> (Int) -> Void) {
        self.count = count
        self.makeJob = makeJob
    }

    /// Claims and runs jobs until none is left, with a runner made once it has claimed the first.
    func runJobs() {
        guard var index = claim() else { return }
        var job = condition.withLock { makeJob }?()
        while true {
            job?(index)
            let next = claim()
            if next == nil { job = nil }
            condition.withLock {
                finished += 1
                if finished == count { condition.broadcast() }
            }
            guard let next else { return }
            index = next
        }
    }

    private func claim() -> Int? {
        condition.withLock {
            guard claimed < count else { return nil }
            claimed += 1
            return claimed - 1
        }
    }

    /// Waits until every job has run, then lets go of `makeJob`.
    func waitUntilFinished() {
        condition.withLock {
            while finished < count { condition.wait() }
            makeJob = nil
        }
    }
}

/// Carries a value across threads when the caller guarantees the accesses do not overlap
/// (each job writes its own disjoint part of the shared buffers).
struct UncheckedSendable<Value>: @unchecked Sendable {
    let value: Value
    init(_ value: Value) { self.value = value }
}
