/// What the recognizer heard in one utterance.
public struct Transcript: Codable, Sendable, Equatable {
    /// The words separated by single spaces; a rejected word appears as `<unk>`.
    public var text: String
    /// The best hypothesis's words with their times and confidences.
    public var words: [WordTiming]
    /// The n-best hypotheses, best first, with their log-probabilities (the first is `text` before rejection).
    public var alternatives: [Hypothesis]

    public init(text: String, words: [WordTiming], alternatives: [Hypothesis]) {
        self.text = text
        self.words = words
        self.alternatives = alternatives
    }
}

/// One recognized word: where it sits in the audio and how sure the network was.
public struct WordTiming: Codable, Sendable, Equatable {
    public var word: String
    /// Seconds from the start of the audio to the start of the word's first frame: of its speech
    /// when the decoder had the audio's levels, else of its CTC emission (docs/decoding.md).
    public var start: Double
    /// Seconds from the start of the audio to the end of the word's last frame (speech or emission),
    /// at the latest where the next word starts.
    public var end: Double
    /// The mean posterior of the word over its emitting frames, in [0, 1] (see docs/decoding.md).
    public var confidence: Float

    public init(word: String, start: Double, end: Double, confidence: Float) {
        self.word = word
        self.start = start
        self.end = end
        self.confidence = confidence
    }
}

/// One entry of the n-best list.
public struct Hypothesis: Codable, Sendable, Equatable {
    public var text: String
    /// Natural log of the hypothesis's probability: the sum over the CTC paths that collapse to it
    /// (prefix beam search), or of the single best path (greedy).
    public var logScore: Float

    public init(text: String, logScore: Float) {
        self.text = text
        self.logScore = logScore
    }
}
