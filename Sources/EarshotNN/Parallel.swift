import Foundation

/// Runs independent jobs on up to `threads` threads: job `i` runs on worker `i % threads`, worker 0
/// being the caller's thread, the others fresh threads joined before returning. (Dispatch's
/// `concurrentPerform` ran the jobs one after another when called from a busy global queue.)
/// With one thread the jobs run in order on the caller's thread.
enum Parallel {
    /// `body` is escaping only because a `Thread` keeps its closure after it finishes; every job
    /// has run when `forEach` returns.
    static func forEach(_ count: Int, threads: Int, _ body: @escaping (Int) -> Void) {
        let workers = min(max(threads, 1), count)
        if workers <= 1 {
            for i in 0..<count { body(i) }
            return
        }
        let job = UncheckedSendable(body)
        let finished = DispatchSemaphore(value: 0)
        for worker in 1..<workers {
            Thread {
                for i in stride(from: worker, to: count, by: workers) { job.value(i) }
                finished.signal()
            }.start()
        }
        for i in stride(from: 0, to: count, by: workers) { body(i) }
        for _ in 1..<workers { finished.wait() }
    }
}

/// Carries a value across threads when the caller guarantees the accesses do not overlap
/// (each job writes its own disjoint part of the shared buffers).
struct UncheckedSendable<Value>: @unchecked Sendable {
    let value: Value
    init(_ value: Value) { self.value = value }
}
