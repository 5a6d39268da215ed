import Foundation

/// Words, times and confidences read off a CTC path.
public enum WordTimings {
    /// One word per emission: a maximal run of frames carrying the same non-blank symbol (a blank,
    /// or a different symbol, ends it). Start = where its first frame starts, end = where its last
    /// frame ends (`FrameTiming`); confidence = mean over the run of the symbol's posterior `exp(log y_t(k))`.
    public static func words(
        path: [Int], logProbs: LogProbMatrix, vocabulary: [String], timing: FrameTiming
    ) -> [WordTiming] {
        var words: [WordTiming] = []
        var t = 0
        while t < path.count {
            let symbol = path[t]
            guard symbol != 0 else {
                t += 1
                continue
            }
            var posteriorSum: Float = 0
            let first = t
            while t < path.count && path[t] == symbol {
                posteriorSum += exp(logProbs[t, symbol])
                t += 1
            }
            words.append(
                WordTiming(
                    word: vocabulary[symbol],
                    start: timing.start(first),
                    end: timing.end(t - 1),
                    confidence: min(1, posteriorSum / Float(t - first))))
        }
        return words
    }
}
