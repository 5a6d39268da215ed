import EarshotNN

/// Viterbi forced alignment: the single most probable CTC path that collapses to a given label
/// sequence. It turns a beam-search result (a label sequence) back into frames, for timings.
public enum CTCAlignment {
    /// The best path for `labels`, one symbol per frame, or nil if no path of `logProbs.frames`
    /// frames collapses to `labels`.
    ///
    /// Over the extended sequence l' (`CTCTopology`):
    /// `δ_t(s) = log y_t(l'_s) + max(δ_{t−1}(s), δ_{t−1}(s−1), δ_{t−1}(s−2) if the skip rule allows)`.
    public static func viterbi(_ logProbs: LogProbMatrix, labels: [Int], topology: CTCTopology = CTCTopology()) -> [Int]? {
        let frames = logProbs.frames
        guard frames > 0 else { return labels.isEmpty ? [] : nil }
        // symbol[s]: the extended sequence; skip[s]: s may be entered from s − 2.
        let symbol = topology.extended(labels)
        let states = symbol.count
        let skip = (0..<states).map { topology.canSkip(into: $0, of: symbol) }
        // step[t * states + s]: how many states back (0, 1 or 2) the best path into s at t came from.
        var step = [UInt8](repeating: 0, count: frames * states)
        var previous = [Float](repeating: -.infinity, count: states)
        var current = previous
        previous[0] = logProbs[0, symbol[0]]
        if states > 1 { previous[1] = logProbs[0, symbol[1]] }
        logProbs.values.withUnsafeBufferPointer { y in
            for t in 1..<frames {
                // Only states reachable by t that can still reach the end; the others stay −∞ where read.
                let low = max(0, states - 2 * (frames - t)), high = min(states - 1, 2 * t + 1)
                let row = t * logProbs.classes
                for s in low...high {
                    var best = 0
                    var score = previous[s]
                    if s >= 1, previous[s - 1] > score { (best, score) = (1, previous[s - 1]) }
                    if skip[s], previous[s - 2] > score { (best, score) = (2, previous[s - 2]) }
                    current[s] = score + y[row + symbol[s]]
                    step[t * states + s] = UInt8(best)
                }
                swap(&previous, &current)
            }
        }
        // The path ends in the last label or the final blank.
        var state = states - 1
        if states > 1, previous[states - 2] > previous[state] { state = states - 2 }
        guard previous[state] > -.infinity else { return nil }
        var path = [Int](repeating: 0, count: frames)
        for t in stride(from: frames - 1, through: 0, by: -1) {
            path[t] = symbol[state]
            if t > 0 { state -= Int(step[t * states + state]) }
        }
        return path
    }
}
