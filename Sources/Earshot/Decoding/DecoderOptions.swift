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

    public init(
        beamWidth: Int = 8, nBest: Int = 5, symbolThreshold: Float = 1e-4, allowedWords: [String]? = nil,
        rejectionThreshold: Float = 0
    ) {
        self.beamWidth = beamWidth
        self.nBest = nBest
        self.symbolThreshold = symbolThreshold
        self.allowedWords = allowedWords
        self.rejectionThreshold = rejectionThreshold
    }
}

/// Where a frame lies in the audio, in samples of the feature rate: frame `t` covers samples
/// `[offset + t · shift, offset + t · shift + length)`. `offset` is 0 with Kaldi's snip-edges
/// framing and shift/2 − length/2 without it (frames centred on t · shift + shift/2).
public struct FrameTiming: Codable, Sendable, Equatable {
    /// Samples per second.
    public var sampleRate: Int
    /// Samples between frame starts (the hop), e.g. 80 at 8 kHz.
    public var shift: Int
    /// Samples in one frame, e.g. 200 at 8 kHz.
    public var length: Int
    /// The first sample of frame 0 (negative before the audio without snip-edges).
    public var offset: Int

    public init(sampleRate: Int, shift: Int, length: Int, offset: Int = 0) {
        self.sampleRate = sampleRate
        self.shift = shift
        self.length = length
        self.offset = offset
    }

    /// Seconds from the start of the audio to where frame `t` starts (clamped at 0).
    public func start(_ t: Int) -> Double { Double(max(0, offset + t * shift)) / Double(sampleRate) }
    /// Seconds from the start of the audio to where frame `t` ends.
    public func end(_ t: Int) -> Double { Double(offset + t * shift + length) / Double(sampleRate) }
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
