import Foundation

/// Runs independent jobs on the caller's thread and up to `threads − 1` fresh threads. Jobs are
/// claimed one at a time, so a thread that starts late (the machine is busy) finds the work already
/// done instead of delaying the caller: on a loaded machine two threads cost little more than one.
/// (Dispatch's `concurrentPerform` ran the jobs one after another when called from a busy global
/// queue.) With one thread the jobs run in order on the caller's thread.
enum Parallel {
    /// `body` is escaping only because a `Thread` keeps its closure after it finishes; every job
    /// has run when `forEach` returns, and a late thread calls `body` no more.
    static func forEach(_ count: Int, threads: Int, _ body: @escaping (Int) -> Void) {
        let workers = min(max(threads, 1), count)
        if workers <= 1 {
            for i in 0..<count { body(i) }
            return
        }
        let queue = JobQueue(count: count)
        let job = UncheckedSendable(body)
        for _ in 1..<workers {
            Thread { queue.runJobs(job.value) }.start()
        }
        queue.runJobs(body)
        queue.waitUntilFinished()
    }
}

/// Hands out job indices 0..<count and counts the finished ones.
private final class JobQueue: @unchecked Sendable {
    private let condition = NSCondition()
    private let count: Int
    private var claimed = 0
    private var finished = 0

    init(count: Int) { self.count = count }

    /// Claims and runs jobs until none is left.
    func runJobs(_ body: (Int) -> Void) {
        while let index = claim() {
            body(index)
            condition.lock()
            finished += 1
            if finished == count { condition.broadcast() }
            condition.unlock()
        }
    }

    private func claim() -> Int? {
        condition.lock()
        defer { condition.unlock() }
        guard claimed < count else { return nil }
        claimed += 1
        return claimed - 1
    }

    func waitUntilFinished() {
        condition.lock()
        while finished < count { condition.wait() }
        condition.unlock()
    }
}

/// Carries a value across threads when the caller guarantees the accesses do not overlap
/// (each job writes its own disjoint part of the shared buffers).
struct UncheckedSendable<Value>: @unchecked Sendable {
    let value: Value
    init(_ value: Value) { self.value = value }
}
