import Foundation

/// Words, times and confidences read off a CTC path.
public enum WordTimings {
    /// One entry per emitted word: a maximal run of frames carrying the same non-blank symbol (a
    /// blank, or a different symbol, ends it).
    public static func emissions(_ path: [Int]) -> [(symbol: Int, frames: ClosedRange<Int>)] {
        var emissions: [(symbol: Int, frames: ClosedRange<Int>)] = []
        var t = 0
        while t < path.count {
            let (symbol, first) = (path[t], t)
            while t < path.count && path[t] == symbol { t += 1 }
            if symbol != 0 { emissions.append((symbol, first...(t - 1))) }
        }
        return emissions
    }

    /// The frames each emitted word spans: with `levels` (dB per frame) the speech around its
    /// emission (`SpeechExtent`), without them the emitting frames.
    public static func spans(_ emissions: [(symbol: Int, frames: ClosedRange<Int>)], levels: [Float]?) -> [ClosedRange<Int>] {
        levels.map { SpeechExtent.widen(emissions.map(\.frames), levels: $0) } ?? emissions.map(\.frames)
    }

    /// The words of `emissions`, each over its span (`spans`). Confidence = mean over the word's
    /// emitting frames of its posterior `exp(log y_t(k))`. Times: where the span's first frame
    /// starts to where its last ends (`FrameTiming`); a word ends no later than the next one starts
    /// (frames overlap by length − shift).
    public static func words(
        _ emissions: [(symbol: Int, frames: ClosedRange<Int>)], spans: [ClosedRange<Int>],
        logProbs: LogProbMatrix, vocabulary: [String], timing: FrameTiming
    ) -> [WordTiming] {
        emissions.indices.map { i in
            let (symbol, frames) = emissions[i]
            let posterior = frames.reduce(Float(0)) { $0 + exp(logProbs[$1, symbol]) }
            let start = timing.start(spans[i].lowerBound)
            let end = timing.end(spans[i].upperBound)
            let nextStart = i + 1 < spans.count ? timing.start(spans[i + 1].lowerBound) : end
            return WordTiming(
                word: vocabulary[symbol], start: start, end: max(start, min(end, nextStart)),
                confidence: min(1, posterior / Float(frames.count)))
        }
    }
}
