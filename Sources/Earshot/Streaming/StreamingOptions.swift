/// How a `StreamingRecognizer` trades latency for accuracy, and where it ends utterances. The
/// defaults are the ones docs/streaming.md measures.
public struct StreamingOptions: Codable, Sendable, Equatable {
    /// Audio the network outputs at once, in milliseconds (rounded to whole feature frames, at
    /// least one). Every chunk costs the same work; smaller chunks lower latency and raise overhead.
    public var chunkMilliseconds: Int = 320
    /// Future audio the backward direction sees beyond each chunk, in milliseconds (rounded to
    /// frames). It adds directly to latency; too little costs accuracy (see docs/streaming.md).
    public var lookAheadMilliseconds: Int = 320
    /// Audio before the first speech that the network still gets (`SpeechOnsetGate`: a word's
    /// quiet start), in milliseconds (rounded to frames).
    public var speechOnsetPreRollMilliseconds: Int = 100
    /// Leading audio after which the network starts even if no speech was heard, in milliseconds
    /// (rounded to frames).
    public var speechOnsetMaxWaitMilliseconds: Int = 3000
    /// Audio before the network's start that an utterance's final (offline) pass still gets, in
    /// milliseconds (rounded to frames; at most what the gate held back): the quiet lead a clip
    /// has before its word, so a clip streamed alone gets its `transcribe` result.
    public var finalLeadMilliseconds: Int = 300
    /// Silence after an utterance's last sound that its final pass gets, in milliseconds (rounded
    /// to frames; at most the trailing silence that ended it): the quiet a clip has after its
    /// word, where the rest of the trailing silence would change what the model hears.
    public var finalTailMilliseconds: Int = 100
    /// Where utterances end.
    public var endpoint = EndpointOptions()

    public init() {}
}

/// Endpointing rules, after Kaldi's `OnlineEndpointConfig`. "Speech" is what the network
/// decodes: a frame whose blank posterior is below `blankProbability`. A frame is *silent* when
/// the blank has at least that posterior and, with `energyMarginDecibels` set, its energy is
/// also within that margin of the stream's noise floor. (CTC posteriors alone are blank for
/// most of every word — a word is one spike — so "silence" from them alone would include the
/// pauses inside a digit string; energy tells a pause from a held vowel.)
/// - An utterance with a frame that is not silent, followed by `trailingSilenceMilliseconds` of
///   silent frames, ends there (a final: the offline pass decides its words, maybe none).
/// - An utterance reaching `maxUtteranceSeconds` ends there (a final unless all of it is silent).
/// - That much silence, or an utterance of maximum length, all silent, is dropped without a
///   result, so a stream that never speaks keeps nothing.
public struct EndpointOptions: Codable, Sendable, Equatable {
    /// Silence after speech that ends an utterance, in milliseconds.
    public var trailingSilenceMilliseconds: Int = 700
    /// The longest utterance, in seconds; it bounds the memory and work of one utterance.
    public var maxUtteranceSeconds: Double = 20
    /// A frame whose blank posterior is at least this is not speech; in (0.5, 1], so such a
    /// frame is always a blank on the best path.
    public var blankProbability: Float = 0.95
    /// A frame louder than the noise floor by more than this many dB is not silent; nil judges
    /// silence by the blank posterior alone.
    public var energyMarginDecibels: Float? = 10
    /// How fast the noise floor may rise, in dB per second (it falls at once to a quieter frame).
    public var noiseFloorRiseDecibelsPerSecond: Float = 5
    /// The noise floor before the first frame, in dBFS: a quiet room. Starting from the first
    /// frame instead would make a stream that begins with speech take the speech for background.
    public var initialNoiseFloorDecibels: Float = -60

    public init() {}
}
