import EarshotNN

/// Limits the output to some of the vocabulary's words at run time: the other words' log-probs
/// become −∞ and each frame is renormalised over the blank, the filler (when the model has one)
/// and the allowed words, `log y'_t(k) = log y_t(k) − log Σ_{j ∈ allowed ∪ {blank, filler}} y_t(j)`.
/// Keeping the filler lets speech outside the allowed words go there instead of to the nearest
/// allowed word.
public struct VocabularyRestriction: Sendable {
    /// `allowed[k]`: symbol k may be output (the blank and the filler always may).
    public let allowed: [Bool]

    /// Fails with `DecoderOptionsError.unknownWord` for a word the vocabulary lacks.
    public init(vocabulary: [String], allowedWords: [String]) throws(DecoderOptionsError) {
        var allowed = [Bool](repeating: false, count: vocabulary.count)
        allowed[0] = true
        if let filler = vocabulary.firstIndex(of: ModelConfig.filler) { allowed[filler] = true }
        for word in allowedWords {
            guard let index = vocabulary.firstIndex(of: word), index > 0 else {
                throw .unknownWord(word, vocabulary: vocabulary)
            }
            allowed[index] = true
        }
        self.allowed = allowed
    }

    public func apply(to logProbs: LogProbMatrix) -> LogProbMatrix {
        precondition(logProbs.classes == allowed.count, "\(logProbs.classes) classes, vocabulary of \(allowed.count)")
        var result = logProbs
        for t in 0..<logProbs.frames {
            var total: Float = -.infinity
            for k in 0..<allowed.count where allowed[k] { total = logAddExp(total, logProbs[t, k]) }
            for k in 0..<allowed.count { result[t, k] = allowed[k] ? logProbs[t, k] - total : -.infinity }
        }
        return result
    }
}
