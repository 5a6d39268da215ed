/// One line of `earshot stream` output: a partial result while an utterance goes on, or its
/// final result at an endpoint. JSON Lines keys: `type`, `text`, `words`, `stream_time`, and for
/// finals `start`, `end`, `endpoint`, `latency_ms`.
public struct StreamEvent: Codable, Sendable, Equatable {
    public enum Kind: String, Codable, Sendable {
        case partial, final
    }

    public var type: Kind
    public var text: String
    /// Words timed in seconds from the start of the stream, with confidences.
    public var words: [WordTiming]
    /// Seconds of audio the recognizer had been given when this result was produced.
    public var streamTime: Double
    /// Finals: the utterance's span in the stream, in seconds, and why it ended.
    public var start: Double?
    public var end: Double?
    public var endpoint: Endpointer.Reason?
    /// Finals: milliseconds from the end of the last word's audio to this result: the stream
    /// time waited (chunk, look-ahead, trailing silence) plus the compute time of the chunk that
    /// produced it. At real-time pace this is the wall-clock delay a listener sees.
    public var latencyMilliseconds: Double?

    enum CodingKeys: String, CodingKey {
        case type, text, words, start, end, endpoint
        case streamTime = "stream_time"
        case latencyMilliseconds = "latency_ms"
    }

    /// A partial result at `streamTime`.
    public init(partial transcript: Transcript, streamTime: Double) {
        type = .partial
        text = transcript.text
        words = transcript.words
        self.streamTime = streamTime
    }

    /// A final result, produced by a call that computed for `computeSeconds`.
    public init(final utterance: StreamingUtterance, computeSeconds: Double) {
        type = .final
        text = utterance.transcript.text
        words = utterance.transcript.words
        streamTime = utterance.streamTime
        (start, end, endpoint) = (utterance.start, utterance.end, utterance.endpoint)
        latencyMilliseconds = utterance.latency.map { ($0 + computeSeconds) * 1000 }
    }

    /// The plain-text form: `partial: TEXT` or `final: TEXT`.
    public var line: String { "\(type.rawValue): \(text)" }
}
