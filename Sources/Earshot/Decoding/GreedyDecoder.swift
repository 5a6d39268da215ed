/// Best-path CTC decoding: the most probable symbol of each frame, then repeats merged and blanks dropped.
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

/// CTC's many-to-one map from paths to label sequences.
public enum CTCPath {
    /// Merges runs of the same symbol, then removes blanks (symbol 0): `a a - a b b` → `a a b`.
    public static func collapse(_ path: [Int]) -> [Int] {
        var labels: [Int] = []
        var previous = 0
        for symbol in path {
            if symbol != 0 && symbol != previous { labels.append(symbol) }
            previous = symbol
        }
        return labels
    }
}
