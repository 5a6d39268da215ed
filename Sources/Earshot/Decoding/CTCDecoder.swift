import EarshotNN

/// Turns one utterance's log-probs into a `Transcript`: restrict the vocabulary, search (greedy or
/// prefix beam), align the best hypothesis to frames, time and score its words, reject the unsure,
/// and leave out the filler (`ModelConfig.filler`: speech outside the vocabulary) and the words said
/// among it (`OtherSpeechRejection`).
public struct CTCDecoder: Sendable {
    public static let unknownWord = "<unk>"

    public let vocabulary: [String]
    public let options: DecoderOptions
    public let timing: FrameTiming
    private let restriction: VocabularyRestriction?
    private let otherSpeech: OtherSpeechRejection?

    /// Fails if an allowed word is not in `vocabulary` or an option is out of range.
    public init(vocabulary: [String], options: DecoderOptions, timing: FrameTiming) throws(DecoderOptionsError) {
        guard options.beamWidth >= 1 else { throw .invalidOption("beam width \(options.beamWidth) is below 1") }
        guard options.nBest >= 1 else { throw .invalidOption("n-best \(options.nBest) is below 1") }
        guard (0..<1).contains(options.symbolThreshold) else {
            throw .invalidOption("symbol threshold \(options.symbolThreshold) is outside [0, 1)")
        }
        guard (0...1).contains(options.rejectionThreshold) else {
            throw .invalidOption("rejection threshold \(options.rejectionThreshold) is outside [0, 1]")
        }
        guard options.otherSpeechPause >= 0, options.otherSpeechPause.isFinite else {
            throw .invalidOption("other-speech pause \(options.otherSpeechPause) is not a non-negative number of seconds")
        }
        self.vocabulary = vocabulary
        self.options = options
        self.timing = timing
        restriction = try options.allowedWords.map { words throws(DecoderOptionsError) in
            try VocabularyRestriction(vocabulary: vocabulary, allowedWords: words)
        }
        otherSpeech = options.otherSpeechPause > 0
            ? vocabulary.firstIndex(of: ModelConfig.filler).map {
                OtherSpeechRejection(filler: $0, minimumPause: max(1, timing.frames(seconds: options.otherSpeechPause)))
            }
            : nil
    }

    /// The transcript of one utterance's log-probs; with `frameLevels` (the audio's level per frame
    /// in dB, `SpeechExtent.frameLevels`) word times cover the speech around each emission.
    public func decode(_ networkOutput: LogProbMatrix, frameLevels: [Float]? = nil) -> Transcript {
        decodeWithEmissions(networkOutput, frameLevels: frameLevels).transcript
    }

    /// `decode`, also giving the first frame of each word's CTC emission: where the network put
    /// the word, whatever speech its times were widened to.
    func decodeWithEmissions(_ networkOutput: LogProbMatrix, frameLevels: [Float]? = nil) -> (transcript: Transcript, emissionStarts: [Int]) {
        precondition(networkOutput.classes == vocabulary.count, "\(networkOutput.classes) classes, vocabulary of \(vocabulary.count)")
        let logProbs = restriction?.apply(to: networkOutput) ?? networkOutput
        let best = GreedyDecoder.bestPath(logProbs)
        let bestLabels = CTCTopology().collapse(best.path)
        let bestPath = [(labels: bestLabels, logScore: best.logScore)]
        let searched = options.beamWidth == 1
            ? [] : PrefixBeamSearch(beamWidth: options.beamWidth, symbolThreshold: options.symbolThreshold).search(logProbs)
        // The beam is empty only if every path is impossible (−∞ everywhere); then report the best path.
        let hypotheses = searched.isEmpty ? bestPath : searched
        // The best path is the Viterbi alignment of its own label sequence, so forced alignment is
        // needed only when the beam prefers another sequence (which always has a path: it was built from one).
        let path = hypotheses[0].labels == bestLabels
            ? best.path : CTCAlignment.viterbi(logProbs, labels: hypotheses[0].labels) ?? best.path
        let emissions = WordTimings.emissions(path)
        let spans = WordTimings.spans(emissions, levels: frameLevels)
        let dropped = otherSpeech?.dropped(symbols: emissions.map(\.symbol), spans: spans)
        let all = zip(
            WordTimings.words(emissions, spans: spans, logProbs: logProbs, vocabulary: vocabulary, timing: timing),
            emissions.indices
        ).filter { word, i in word.word != ModelConfig.filler && dropped?[i] != true }
            .map { word, i in (word, emissions[i].frames.lowerBound) }
        let words = all.map { word, _ in
            var word = word
            if word.confidence < options.rejectionThreshold { word.word = Self.unknownWord }
            return word
        }
        let transcript = Transcript(text: words.map(\.word).joined(separator: " "), words: words, alternatives: alternatives(hypotheses))
        return (transcript, all.map(\.1))
    }

    /// The first `nBest` distinct texts of `hypotheses` (best first), each with its best score:
    /// label sequences that differ only by the filler, which no text shows, are one alternative.
    private func alternatives(_ hypotheses: [(labels: [Int], logScore: Float)]) -> [Hypothesis] {
        var seen = Set<String>()
        var alternatives: [Hypothesis] = []
        for hypothesis in hypotheses where alternatives.count < options.nBest {
            let text = hypothesis.labels.map { vocabulary[$0] }.filter { $0 != ModelConfig.filler }.joined(separator: " ")
            if seen.insert(text).inserted { alternatives.append(Hypothesis(text: text, logScore: hypothesis.logScore)) }
        }
        return alternatives
    }
}
