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
    public let timing: FrameTiming
    /// Silent frames after speech that end an utterance (the last frames of such an utterance).
    let trailingSilenceFrames: Int
    private let floorRisePerFrame: Float
    /// The stream's noise floor in dB; kept across utterances.
    public private(set) var noiseFloor: Float
    private let maxFrames: Int
    private let logBlankThreshold: Float
    /// Frames of the current utterance, and silent ones since its last non-silent frame (or start).
    public private(set) var frames = 0
    public private(set) var trailingSilence = 0
    /// A frame of the current utterance was not silent.
    public private(set) var hasSpeech = false

    /// `timing`: that of the frames it is given.
    public init(options: EndpointOptions, timing: FrameTiming) {
        self.options = options
        self.timing = timing
        trailingSilenceFrames = max(1, timing.frames(seconds: Double(options.trailingSilenceMilliseconds) / 1000))
        maxFrames = max(1, timing.frames(seconds: options.maxUtteranceSeconds))
        logBlankThreshold = log(options.blankProbability)
        floorRisePerFrame = options.noiseFloorRiseDecibelsPerSecond * Float(timing.duration(frames: 1))
        noiseFloor = options.initialNoiseFloorDecibels
    }

    /// Takes the next frame's blank log-posterior, log y_t(blank), and its level in dB
    /// (`SpeechExtent.frameLevels`), and decides.
    public mutating func advance(blankLogProbability: Float, level: Float) -> Decision {
        frames += 1
        // floor_t = min(L_t, floor_{t−1} + rise); loud: L_t > floor_t + margin
        let floor = min(level, noiseFloor + floorRisePerFrame)
        noiseFloor = floor
        let loud = options.energyMarginDecibels.map { level > floor + $0 } ?? false
        let speech = blankLogProbability < logBlankThreshold
        // A loud frame counts too: a network may hold a word's spike until the utterance's end.
        hasSpeech = hasSpeech || speech || loud
        trailingSilence = speech || loud ? 0 : trailingSilence + 1
        let decision: Decision
        if frames >= maxFrames {
            decision = hasSpeech ? .final(.maxLength) : .discard
        } else if trailingSilence >= trailingSilenceFrames {
            decision = hasSpeech ? .final(.trailingSilence) : .discard
        } else {
            return .continue
        }
        reset()
        return decision
    }

    /// Starts a new utterance (the noise floor stays).
    public mutating func reset() {
        (frames, trailingSilence, hasSpeech) = (0, 0, false)
    }
}
