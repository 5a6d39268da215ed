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

    /// The words of `path`. Confidence = mean over the word's emitting frames of its posterior
    /// `exp(log y_t(k))`. Times: where the first frame starts to where the last ends (`FrameTiming`),
    /// over the emitting frames, or with `levels` (dB per frame) over the speech around them
    /// (`SpeechExtent`); a word ends no later than the next one starts (frames overlap by length − shift).
    public static func words(
        path: [Int], logProbs: LogProbMatrix, vocabulary: [String], timing: FrameTiming, levels: [Float]? = nil
    ) -> [WordTiming] {
        let emissions = emissions(path)
        let spans = levels.map { SpeechExtent.widen(emissions.map(\.frames), levels: $0) } ?? emissions.map(\.frames)
        return emissions.indices.map { i in
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
