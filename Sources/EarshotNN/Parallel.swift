import Dispatch

/// Runs independent jobs on up to `threads` threads: job `i` runs on worker `i % threads`.
/// With one thread the jobs run in order on the caller's thread.
enum Parallel {
    static func forEach(_ count: Int, threads: Int, _ body: (Int) -> Void) {
        let workers = min(max(threads, 1), count)
        if workers <= 1 {
            for i in 0..<count { body(i) }
            return
        }
        withoutActuallyEscaping(body) { body in
            let job = UncheckedSendable(body)
            DispatchQueue.concurrentPerform(iterations: workers) { worker in
                for i in stride(from: worker, to: count, by: workers) { job.value(i) }
            }
        }
    }
}

/// Carries a value across threads when the caller guarantees the accesses do not overlap
/// (each job writes its own disjoint part of the shared buffers).
struct UncheckedSendable<Value>: @unchecked Sendable {
    let value: Value
    init(_ value: Value) { self.value = value }
}
