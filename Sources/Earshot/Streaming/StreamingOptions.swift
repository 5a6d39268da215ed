/// How a `StreamingRecognizer` trades latency for accuracy, and where it ends utterances. The
/// defaults are the ones docs/streaming.md measures.
public struct StreamingOptions: Codable, Sendable, Equatable {
    /// Audio the network outputs at once, in milliseconds (rounded to whole feature frames, at
    /// least one). Every chunk costs the same work; smaller chunks lower latency and raise overhead.
    public var chunkMilliseconds: Int = 160
    /// Future audio the backward direction sees beyond each chunk, in milliseconds (rounded to
    /// frames). It adds directly to latency; too little costs accuracy (see docs/streaming.md).
    public var lookAheadMilliseconds: Int = 160
    /// Where utterances end.
    public var endpoint = EndpointOptions()

    public init() {}
}

/// Endpointing rules, after Kaldi's `OnlineEndpointConfig` but on CTC posteriors: a frame is
/// non-speech when the network gives the blank at least `blankProbability`.
/// - Speech followed by `trailingSilenceMilliseconds` of non-speech ends the utterance (a final).
/// - An utterance reaching `maxUtteranceSeconds` ends there, speech or not (a final if it has speech).
/// - That much non-speech with no speech before it is dropped without a result, so a stream that
///   never speaks keeps nothing.
public struct EndpointOptions: Codable, Sendable, Equatable {
    /// Non-speech after speech that ends an utterance, in milliseconds.
    public var trailingSilenceMilliseconds: Int = 500
    /// The longest utterance, in seconds; it bounds the memory and work of one utterance.
    public var maxUtteranceSeconds: Double = 20
    /// A frame whose blank posterior is at least this is non-speech; in (0.5, 1], so a
    /// non-speech frame is always a blank on the best path.
    public var blankProbability: Float = 0.95

    public init() {}
}
