import Foundation
import Testing

@testable import EarshotNN

@Suite struct CTCTopologyTests {
    @Test func extendedSequenceInterleavesBlanks() {
        #expect(CTCTopology().extended([]) == [0])
        #expect(CTCTopology().extended([3, 1, 1]) == [0, 3, 0, 1, 0, 1, 0])
        #expect(CTCTopology(blank: 4).extended([2, 2]) == [4, 2, 4, 2, 4])
    }

    @Test func skipRuleAllowsOnlyDistinctLabels() {
        let topology = CTCTopology()
        let extended = topology.extended([3, 1, 1, 2])  // − 3 − 1 − 1 − 2 −
        let skips = extended.indices.filter { topology.canSkip(into: $0, of: extended) }
        // into 1 from 3 (s = 3) and into 2 from 1 (s = 7); not into the second 1 from the first
        #expect(skips == [3, 7])
        #expect(!topology.canSkip(into: 1, of: extended), "s − 2 does not exist")
        #expect(!topology.canSkip(into: 2, of: extended), "a blank is never skipped into")
    }

    @Test func collapseMergesRepeatsAndDropsBlanks() {
        #expect(CTCTopology().collapse([1, 1, 0, 1, 2, 2, 0, 0]) == [1, 1, 2])
        #expect(CTCTopology().collapse([0, 0]) == [])
        #expect(CTCTopology(blank: 2).collapse([2, 0, 0, 2, 0, 1, 1]) == [0, 0, 1])
    }

    /// Every path through the extended sequence by the topology's moves collapses to the labels,
    /// and every path of symbols that collapses to the labels is such a path: checked by
    /// enumerating all paths of up to 6 frames over 3 symbols.
    @Test func topologyAndCollapseAgree() {
        let topology = CTCTopology()
        for labels in [[], [1], [1, 1], [1, 2], [2, 1, 1]] as [[Int]] {
            let extended = topology.extended(labels)
            for frames in 1...6 {
                var spelled = Set<[Int]>()
                func walk(_ path: [Int], state: Int) {
                    if path.count == frames {
                        if state >= extended.count - 2 { spelled.insert(path) }
                        return
                    }
                    for next in [state, state + 1, state + 2] where next < extended.count {
                        if next == state + 2, !topology.canSkip(into: next, of: extended) { continue }
                        walk(path + [extended[next]], state: next)
                    }
                }
                walk([extended[0]], state: 0)
                if extended.count > 1 { walk([extended[1]], state: 1) }
                var collapsing = Set<[Int]>()
                for code in 0..<Int(pow(3, Double(frames))) {
                    var (path, rest) = ([Int](), code)
                    for _ in 0..<frames { (path, rest) = (path + [rest % 3], rest / 3) }
                    if topology.collapse(path) == labels { collapsing.insert(path) }
                }
                #expect(spelled == collapsing, "labels \(labels), \(frames) frames")
            }
        }
    }

    @Test func minimumFramesCountsRepeats() {
        let ctc = CTCTopology()
        #expect(ctc.minimumFrames(for: []) == 0)
        #expect(ctc.minimumFrames(for: [3]) == 1)
        #expect(ctc.minimumFrames(for: [1, 2, 1]) == 3)
        #expect(ctc.minimumFrames(for: [1, 1, 2, 2, 2]) == 8)
    }

    @Test func logAddExpIsExactAtTheEdges() {
        #expect(logAddExp(-.infinity, -.infinity) == -.infinity)
        #expect(logAddExp(-.infinity, 2) == 2)
        #expect(abs(logAddExp(log(0.25), log(0.5)) - log(0.75)) < 1e-6)
        #expect(abs(logAddExp(1000, 1000) - (1000 + log(2))) < 1e-3, "no overflow")
    }
}
