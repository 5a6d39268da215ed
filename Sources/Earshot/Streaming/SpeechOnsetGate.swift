/// Holds a stream's leading silence back from the network, which starts at the first speech
/// (less a pre-roll) instead of at the stream's first frame.
///
/// Why: a bidirectional CTC model trained on clips emits an utterance's first word where its
/// forward direction starts, on frame 0, however far into the audio the word is; the backward
/// direction carries the word back there. Offline that is harmless. A stream's backward direction
/// sees only the look-ahead, so frame 0 of a stream that begins with a pause is decided before the
/// word is heard, and the word is lost. Starting the network at the speech makes frame 0 the
/// word's start, as in training. Only the stream's start is gated: later pauses run through the
/// network as one stream (see `StreamingRecognizer`).
///
/// A frame opens the gate when its level is at least `minimumDecibels` and either
/// `loudDecibels` or `marginDecibels` above the quietest frame so far; after `maxWaitFrames`
/// the gate opens anyway. Decisions are per frame, so they do not depend on how audio is chunked.
struct SpeechOnsetGate {
    /// Frames before the opening frame that the network still gets: a word's quiet start.
    let preRollFrames: Int
    /// Frames after which the gate opens whatever it heard (the network then starts there).
    var maxWaitFrames: Int
    var minimumDecibels: Float = -55
    var loudDecibels: Float = -35
    var marginDecibels: Float = 12

    private var quietest = Float.infinity
    private var frame = 0
    /// The stream frame the network starts at, once the gate has opened.
    private(set) var start: Int?

    /// The pre-roll and wait of `options`, in frames of `timing`.
    init(options: StreamingOptions, timing: FrameTiming) {
        preRollFrames = timing.frames(seconds: Double(options.speechOnsetPreRollMilliseconds) / 1000)
        maxWaitFrames = timing.frames(seconds: Double(options.speechOnsetMaxWaitMilliseconds) / 1000)
    }

    /// Judges the next frames' levels (dBFS, `SpeechExtent.frameLevels`); the network's start
    /// frame if they open the gate, nil otherwise (or when it is already open).
    mutating func judge(_ levels: [Float]) -> Int? {
        guard start == nil else { return nil }
        for level in levels {
            quietest = min(quietest, level)
            let speech = level >= minimumDecibels && (level >= loudDecibels || level >= quietest + marginDecibels)
            if speech || frame >= maxWaitFrames {
                start = max(0, frame - preRollFrames)
                return start
            }
            frame += 1
        }
        return nil
    }
}

extension SpeechOnsetGate {
    /// Offline recognition's side of the gate: the leading network frames of a whole clip that
    /// need not run, so that a clip which begins with a pause gets the words its stream gets. A
    /// stream's final pass hears an utterance from `StreamingOptions.finalLeadMilliseconds`
    /// before the gate opened; offline leaves out the same audio before that. The model was
    /// trained on clips with short leads, and a long one costs it words (docs/streaming.md).
    /// Nothing is left out when no frame is speech: offline, a quiet clip is heard whole.
    static func offlineSkip(levels: [Float], options: StreamingOptions = StreamingOptions(), timing: FrameTiming) -> Int {
        var gate = SpeechOnsetGate(options: options, timing: timing)
        gate.maxWaitFrames = .max
        guard let start = gate.judge(levels) else { return 0 }
        return max(0, start - timing.frames(seconds: Double(options.finalLeadMilliseconds) / 1000))
    }
}
