import EarshotFeatures

/// How the CTC output becomes words. Travels as JSON; the CLI's `transcribe` flags set it.
public struct DecoderOptions: Codable, Sendable, Equatable {
    /// 1: greedy best-path decoding. More: CTC prefix beam search keeping this many prefixes per frame.
    public var beamWidth: Int = 8
    /// How many hypotheses `Transcript.alternatives` keeps (at most `beamWidth`; greedy gives one).
    public var nBest: Int = 5
    /// Beam search only: a word whose posterior in a frame is below this does not extend prefixes
    /// in that frame. 0 considers every word in every frame (exact, slower).
    public var symbolThreshold: Float = 1e-4
    /// If set, only these words may be output; the posteriors are renormalised over them and the blank.
    public var allowedWords: [String]? = nil
    /// Words whose confidence is below this are reported as `<unk>`; 0 keeps every word.
    public var rejectionThreshold: Float = 0
    /// Seconds of pause that part a vocabulary word from speech outside the vocabulary: a word
    /// with a filler emission in its phrase (no pause this long between them) is dropped as part
    /// of that speech (`OtherSpeechRejection`). 0 keeps such words; models without the filler
    /// are not affected.
    public var otherSpeechPause: Double = 0.2

    public init(
        beamWidth: Int = 8, nBest: Int = 5, symbolThreshold: Float = 1e-4, allowedWords: [String]? = nil,
        rejectionThreshold: Float = 0, otherSpeechPause: Double = 0.2
    ) {
        self.beamWidth = beamWidth
        self.nBest = nBest
        self.symbolThreshold = symbolThreshold
        self.allowedWords = allowedWords
        self.rejectionThreshold = rejectionThreshold
        self.otherSpeechPause = otherSpeechPause
    }
}

/// Where the network's frames lie in time, in seconds. Network frame `t` is feature frames
/// `k·t ..< k·t + k` (`k` = `stacking`, 1 unless the model stacks frames, `FrameStacking`), and
/// feature frame `f` covers samples `[frameStart(f), frameStart(f) + L)` of its framing
/// (`FrameExtractionOptions`, which owns the sample arithmetic), at the framing's sample rate.
public struct FrameTiming: Codable, Sendable, Equatable {
    /// The features' framing: rate, shift S, length L, snip-edges.
    public var framing: FrameExtractionOptions
    /// Feature frames per network frame.
    public var stacking: Int

    public init(_ framing: FrameExtractionOptions, stacking: Int = 1) {
        precondition(stacking >= 1, "frame stacking \(stacking) is below 1")
        self.framing = framing
        self.stacking = stacking
    }

    private var sampleRate: Double { Double(framing.sampleFrequency) }
    /// Seconds from the start of the audio to where frame `t` starts (clamped at 0).
    public func start(_ t: Int) -> Double { Double(max(0, framing.frameStart(stacking * t))) / sampleRate }
    /// Seconds from the start of the audio to where frame `t` ends.
    public func end(_ t: Int) -> Double {
        Double(framing.frameStart(stacking * t + stacking - 1) + framing.frameLength) / sampleRate
    }
    /// Seconds spanned by `count` frames, count · k · S / rate.
    public func duration(frames count: Int) -> Double { Double(count * stacking * framing.frameShift) / sampleRate }
    /// The whole number of frames nearest to `seconds`.
    public func frames(seconds: Double) -> Int {
        Int((seconds / (Double(stacking) * framing.frameShiftSeconds)).rounded())
    }
}

/// A decoder set-up that cannot work. One line naming the problem.
public enum DecoderOptionsError: Error, CustomStringConvertible, Equatable, Sendable {
    case unknownWord(String, vocabulary: [String])
    case invalidOption(String)

    public var description: String {
        switch self {
        case .unknownWord(let word, let vocabulary):
            "'\(word)' is not in the model's vocabulary (\(vocabulary.dropFirst().joined(separator: ", ")))"
        case .invalidOption(let reason): "invalid decoder option: \(reason)"
        }
    }
}
