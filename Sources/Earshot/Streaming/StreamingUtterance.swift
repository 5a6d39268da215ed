/// A final result: one utterance of a stream, between two endpoints.
public struct StreamingUtterance: Codable, Sendable, Equatable {
    /// The words, timed in seconds from the start of the stream.
    public var transcript: Transcript
    /// Seconds from the start of the stream to the start of the utterance's first frame.
    public var start: Double
    /// Seconds from the start of the stream to the end of the utterance's last frame.
    public var end: Double
    /// Why the utterance ended.
    public var endpoint: Endpointer.Reason
    /// Seconds of audio the recognizer had been given when it produced this result.
    public var streamTime: Double

    /// Stream time from the end of the last word's audio to this result (the wait for chunk,
    /// look-ahead and trailing silence; compute time not included); nil without words.
    public var latency: Double? { transcript.words.last.map { streamTime - $0.end } }
}
