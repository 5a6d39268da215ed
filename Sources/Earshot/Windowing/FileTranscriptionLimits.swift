/// What one file may cost `Recognizer.transcribe(file:)`.
public struct FileTranscriptionLimits: Sendable, Equatable {
    /// The longest file accepted, in seconds of audio as its header declares them, checked before
    /// anything is decoded (`AudioError.tooLong`). Default 4 hours.
    public var maxDuration: Double
    /// A file longer than this many seconds is transcribed in windows of at most this length, cut
    /// in pauses (`Recognizer.transcribeInWindows`), so memory stays that of one window however
    /// long the file; a shorter one goes through the network whole. Default 60 s.
    public var windowSeconds: Double

    public init(maxDuration: Double = 4 * 3600, windowSeconds: Double = 60) {
        self.maxDuration = maxDuration
        self.windowSeconds = windowSeconds
    }
}
