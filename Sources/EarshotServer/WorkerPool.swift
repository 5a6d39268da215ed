import Foundation

/// A fixed set of threads that run recognition jobs, so decoding never runs on the server's event
/// loops and at most `threads` jobs compute at once (one core each); the rest wait their turn in
/// arrival order. `run` suspends the calling task, never blocks its thread.
public final class WorkerPool: @unchecked Sendable {
    public let threads: Int
    private let condition = NSCondition()
    /// Jobs in arrival order from `head` on; taken ones are nil, so a finished job's captures (an
    /// upload's body) go as soon as it has run, not with the prefix.
    private var jobs: [(() -> Void)?] = []
    private var head = 0
    private var busy = 0

    public init(threads: Int) {
        precondition(threads >= 1, "a pool needs a thread")
        self.threads = threads
        for index in 0..<threads {
            let thread = Thread { [unowned self] in self.work() }
            thread.name = "earshot-decode-\(index)"
            thread.stackSize = 1 << 22
            thread.start()
        }
    }

    /// Jobs waiting for a thread plus jobs running.
    public var load: Int {
        condition.withLock { jobs.count - head + busy }
    }

    /// Runs `body` on one of the pool's threads and returns its result.
    public func run<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            condition.withLock {
                jobs.append { continuation.resume(with: Result { try body() }) }
                condition.signal()
            }
        }
    }

    private func work() {
        while true {
            condition.lock()
            while head == jobs.count { condition.wait() }
            let job = jobs[head]
            jobs[head] = nil
            head += 1
            if head > 1024 && head * 2 > jobs.count {  // drop the finished prefix now and then
                jobs.removeFirst(head)
                head = 0
            }
            busy += 1
            condition.unlock()
            job?()
            condition.withLock { busy -= 1 }
        }
    }
}
