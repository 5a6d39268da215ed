/// Viterbi forced alignment: the single most probable CTC path that collapses to a given label
/// sequence. It turns a beam-search result (a label sequence) back into frames, for timings.
public enum CTCAlignment {
    /// The best path for `labels`, one symbol per frame, or nil if no path of `logProbs.frames`
    /// frames collapses to `labels`.
    ///
    /// Over the extended sequence `s = (−, l₁, −, l₂, …, l_L, −)`:
    /// `δ_t(s) = log y_t(s) + max(δ_{t−1}(s), δ_{t−1}(s−1), δ_{t−1}(s−2) if s is a label ≠ the label at s−2)`.
    public static func viterbi(_ logProbs: LogProbMatrix, labels: [Int]) -> [Int]? {
        let frames = logProbs.frames
        guard frames > 0 else { return labels.isEmpty ? [] : nil }
        let states = 2 * labels.count + 1
        func symbol(_ s: Int) -> Int { s % 2 == 0 ? 0 : labels[s / 2] }
        // backpointer[t * states + s]: the state at t − 1 on the best path into s at t.
        var backpointer = [Int32](repeating: -1, count: frames * states)
        var previous = [Float](repeating: -.infinity, count: states)
        var current = previous
        previous[0] = logProbs[0, 0]
        if states > 1 { previous[1] = logProbs[0, symbol(1)] }
        for t in 1..<frames {
            for s in 0..<states {
                var best = s
                if s >= 1, previous[s - 1] > previous[best] { best = s - 1 }
                if s >= 2, symbol(s) != 0, symbol(s) != symbol(s - 2), previous[s - 2] > previous[best] { best = s - 2 }
                current[s] = previous[best] + logProbs[t, symbol(s)]
                backpointer[t * states + s] = Int32(best)
            }
            swap(&previous, &current)
        }
        // The path ends in the last label or the final blank.
        var state = states - 1
        if states > 1, previous[states - 2] > previous[state] { state = states - 2 }
        guard previous[state] > -.infinity else { return nil }
        var path = [Int](repeating: 0, count: frames)
        for t in stride(from: frames - 1, through: 0, by: -1) {
            path[t] = symbol(state)
            if t > 0 { state = Int(backpointer[t * states + state]) }
        }
        return path
    }
}
