import Testing

import EarshotNN

@Suite struct ParallelTests {
    final class Worker: @unchecked Sendable { var calls = 0 }

    @Test(arguments: [1, 2, 5])
    func mapResultsInOrderWithOneWorkerStatePerThread(threads: Int) {
        let results = Parallel.map(101, threads: threads, worker: { Worker() }) { worker, i in
            worker.calls += 1
            return (square: i * i, worker: ObjectIdentifier(worker), call: worker.calls)
        }
        #expect(results.map(\.square) == (0..<101).map { $0 * $0 })
        // Each worker counted its own calls: one thread used it, for the jobs it claimed in order.
        let byWorker = Dictionary(grouping: results, by: \.worker)
        #expect(byWorker.count <= threads)
        #expect(byWorker.values.allSatisfy { $0.map(\.call) == Array(1...$0.count) })
        if threads == 1 { #expect(results.map(\.call) == Array(1...101)) }
        #expect(Parallel.map(0, threads: threads) { $0 }.isEmpty)
    }
}
