/// How the CTC output becomes words. Travels as JSON; the CLI's `transcribe` flags set it.
public struct DecoderOptions: Codable, Sendable, Equatable {
    /// 1: greedy best-path decoding. More: CTC prefix beam search keeping this many prefixes per frame.
    public var beamWidth: Int = 8
    /// How many hypotheses `Transcript.alternatives` keeps (at most `beamWidth`; greedy gives one).
    public var nBest: Int = 5
    /// If set, only these words may be output; the posteriors are renormalised over them and the blank.
    public var allowedWords: [String]? = nil
    /// Words whose confidence is below this are reported as `<unk>`; 0 keeps every word.
    public var rejectionThreshold: Float = 0

    public init(beamWidth: Int = 8, nBest: Int = 5, allowedWords: [String]? = nil, rejectionThreshold: Float = 0) {
        self.beamWidth = beamWidth
        self.nBest = nBest
        self.allowedWords = allowedWords
        self.rejectionThreshold = rejectionThreshold
    }
}

/// Where a frame lies in the audio, from the feature options: frame `t` covers
/// `[offset + t · shift, offset + t · shift + length)` seconds. `offset` is 0 with Kaldi's
/// snip-edges framing and (shift − length) / 2 without it (frames centred on t · shift + shift / 2).
public struct FrameTiming: Codable, Sendable, Equatable {
    /// Seconds between frame starts (the hop), e.g. 0.010.
    public var shift: Double
    /// Seconds one frame spans, e.g. 0.025.
    public var length: Double
    /// Seconds from the start of the audio to the start of frame 0 (may be negative).
    public var offset: Double

    public init(shift: Double, length: Double, offset: Double = 0) {
        self.shift = shift
        self.length = length
        self.offset = offset
    }

    /// Where frame `t` starts, clamped to the audio.
    public func start(_ t: Int) -> Double { max(0, offset + Double(t) * shift) }
    /// Where frame `t` ends.
    public func end(_ t: Int) -> Double { offset + Double(t) * shift + length }
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
