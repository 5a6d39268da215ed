import EarshotNN
import Foundation

/// Limits the output to some of the vocabulary's words at run time: the other words' log-probs
/// become −∞ and their probability goes to the blank and the allowed words, in proportion. The
/// filler (when the model has one) keeps its own probability f_t, neither more nor less:
/// `y'_t(k) = y_t(k) · (1 − f_t) / Σ_{j ∈ allowed ∪ {blank}} y_t(j)` for the blank and the allowed
/// words, `y'_t(filler) = f_t`. So speech the network took for other speech stays other speech,
/// and a word that is merely not allowed does not become other speech: where the network is sure
/// of an excluded word, the little left for the filler is not blown up into a filler emission,
/// which would make the other-speech rule drop the allowed words said beside it.
public struct VocabularyRestriction: Sendable {
    /// `allowed[k]`: symbol k may be output (the blank and the filler always may).
    public let allowed: [Bool]
    /// The filler's index, if the vocabulary has one.
    private let filler: Int?

    /// Fails with `DecoderOptionsError.unknownWord` for a word the vocabulary lacks.
    public init(vocabulary: [String], allowedWords: [String]) throws(DecoderOptionsError) {
        var allowed = [Bool](repeating: false, count: vocabulary.count)
        allowed[0] = true
        filler = vocabulary.firstIndex(of: ModelConfig.filler)
        if let filler { allowed[filler] = true }
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
            for k in 0..<allowed.count where allowed[k] && k != filler { total = logAddExp(total, logProbs[t, k]) }
            // log(1 − f_t): the share of the blank and the allowed words (all of it without a filler)
            let share: Float = filler.map { log1p(-min(exp(logProbs[t, $0]), 1)) } ?? 0
            for k in 0..<allowed.count where k != filler {
                result[t, k] = allowed[k] ? logProbs[t, k] - total + share : -.infinity
            }
        }
        return result
    }
}
