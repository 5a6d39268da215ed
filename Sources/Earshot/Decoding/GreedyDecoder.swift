/// Best-path CTC decoding: the most probable symbol of each frame (then `CTCTopology.collapse`
/// merges repeats and drops blanks).
public enum GreedyDecoder {
    /// The most probable path (one symbol per frame, ties to the lower index) and its log-probability.
    public static func bestPath(_ logProbs: LogProbMatrix) -> (path: [Int], logScore: Float) {
        var path = [Int](repeating: 0, count: logProbs.frames)
        var score: Float = 0
        logProbs.values.withUnsafeBufferPointer { values in
            for t in 0..<logProbs.frames {
                let row = values[(t * logProbs.classes)..<((t + 1) * logProbs.classes)]
                var best = row.startIndex
                for i in row.indices where row[i] > row[best] { best = i }
                path[t] = best - row.startIndex
                score += row[best]
            }
        }
        return (path, score)
    }
}
