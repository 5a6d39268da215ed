import Foundation

/// Decides, frame by frame, where an utterance ends (the rules of `EndpointOptions`).
public struct Endpointer: Sendable {
    /// Why an utterance ended.
    public enum Reason: String, Codable, Sendable {
        /// Speech followed by the trailing silence.
        case trailingSilence = "trailing-silence"
        /// The utterance reached the maximum length.
        case maxLength = "max-length"
        /// The stream ended.
        case endOfStream = "end-of-stream"
    }

    /// What to do with the utterance after the frame just seen.
    public enum Decision: Equatable, Sendable {
        /// It goes on.
        case `continue`
        /// It ends at this frame and has speech: a final result.
        case final(Reason)
        /// It ends at this frame without speech: drop it.
        case discard
    }

    public let options: EndpointOptions
    private let trailingSilenceFrames: Int
    private let maxFrames: Int
    private let logBlankThreshold: Float
    /// Frames of the current utterance, and of non-speech since its last speech frame (or start).
    public private(set) var frames = 0
    public private(set) var trailingNonSpeech = 0
    public private(set) var hasSpeech = false

    /// `frameShift`: seconds between frames.
    public init(options: EndpointOptions, frameShift: Double) {
        self.options = options
        trailingSilenceFrames = max(1, Int((Double(options.trailingSilenceMilliseconds) / 1000 / frameShift).rounded()))
        maxFrames = max(1, Int((options.maxUtteranceSeconds / frameShift).rounded()))
        logBlankThreshold = log(options.blankProbability)
    }

    /// Takes the next frame's blank log-posterior, log y_t(blank), and decides.
    public mutating func advance(blankLogProbability: Float) -> Decision {
        frames += 1
        if blankLogProbability >= logBlankThreshold {
            trailingNonSpeech += 1
        } else {
            (trailingNonSpeech, hasSpeech) = (0, true)
        }
        let decision: Decision
        if frames >= maxFrames {
            decision = hasSpeech ? .final(.maxLength) : .discard
        } else if trailingNonSpeech >= trailingSilenceFrames {
            decision = hasSpeech ? .final(.trailingSilence) : .discard
        } else {
            return .continue
        }
        reset()
        return decision
    }

    /// Starts a new utterance.
    public mutating func reset() {
        (frames, trailingNonSpeech, hasSpeech) = (0, 0, false)
    }
}
