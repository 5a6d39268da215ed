/// Which features a model uses, with all their options. Stored in model files as
/// `{"type": "mfcc", "options": {...}}` (or `"fbank"`), so keep this form stable.
public enum FeatureOptions: Codable, Sendable, Hashable {
    case mfcc(MfccOptions)
    case fbank(FbankOptions)

    /// Columns of the feature matrix.
    public var dimension: Int {
        switch self {
        case .mfcc(let o): o.numCeps
        case .fbank(let o): o.mel.numBins + (o.useEnergy ? 1 : 0)
        }
    }

    public var frameOptions: FrameExtractionOptions {
        get {
            switch self {
            case .mfcc(let o): o.frame
            case .fbank(let o): o.frame
            }
        }
        set {
            switch self {
            case .mfcc(var o): o.frame = newValue; self = .mfcc(o)
            case .fbank(var o): o.frame = newValue; self = .fbank(o)
            }
        }
    }

    public var melOptions: MelBanksOptions {
        switch self {
        case .mfcc(let o): o.mel
        case .fbank(let o): o.mel
        }
    }

    /// The sampling rate the audio must have, in Hz.
    public var sampleRate: Int { Int(frameOptions.sampleFrequency) }

    /// Throws when the options cannot be computed (bad frame sizes, mel range, cepstra count).
    public func validate() throws(FeatureOptionsError) {
        switch self {
        case .mfcc(let o): try o.validate()
        case .fbank(let o): try o.validate()
        }
    }

    private enum CodingKeys: String, CodingKey { case type, options }
    private enum Kind: String, Codable { case mfcc, fbank }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        switch try container.decode(Kind.self, forKey: .type) {
        case .mfcc: self = .mfcc(try container.decode(MfccOptions.self, forKey: .options))
        case .fbank: self = .fbank(try container.decode(FbankOptions.self, forKey: .options))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        switch self {
        case .mfcc(let o):
            try container.encode(Kind.mfcc, forKey: .type)
            try container.encode(o, forKey: .options)
        case .fbank(let o):
            try container.encode(Kind.fbank, forKey: .type)
            try container.encode(o, forKey: .options)
        }
    }
}
