import EarshotFeatures
import EarshotNN

/// Everything needed to run a model besides its weights; stored as JSON in the model file's
/// `__metadata__` under `ModelConfig.metadataKey`, so a model always carries its own front-end.
public struct ModelConfig: Codable, Sendable, Equatable {
    /// The version of this layout; readers reject other versions rather than guess.
    public static let currentFormatVersion = 1
    /// The `__metadata__` key holding the JSON.
    public static let metadataKey = "earshot.config"
    /// The CTC blank's name, always vocabulary symbol 0.
    public static let blank = "<blank>"
    /// The filler: a symbol trained on speech outside the vocabulary (other words), so that such
    /// speech is recognised as something and not as the nearest word. Decoding never reports it.
    public static let filler = "<other>"

    public var formatVersion: Int = Self.currentFormatVersion
    /// The rate, in Hz, the audio is resampled to before features (equals the features' rate).
    public var sampleRate: Int
    /// The front-end: MFCC or fbank with all of Kaldi's options.
    public var features: FeatureOptions
    /// How features are normalised before the network.
    public var cmvn: CMVNConfig
    /// Feature frames joined into one network frame after CMVN (`FrameStacking`): the network runs
    /// at 1/`frameStacking` of the feature frame rate. 1 (the default) stacks nothing.
    public var frameStacking: Int
    /// The output symbols in network order: index 0 is `<blank>`, the words follow.
    public var vocabulary: [String]
    /// Layer sizes: `inputSize` = feature dimension × `frameStacking`, `numClasses` = vocabulary size.
    public var network: NetworkConfig
    /// Where the weights came from.
    public var provenance: Provenance

    public init(
        sampleRate: Int, features: FeatureOptions, cmvn: CMVNConfig, frameStacking: Int = 1, vocabulary: [String],
        network: NetworkConfig, provenance: Provenance = Provenance()
    ) {
        self.sampleRate = sampleRate
        self.features = features
        self.cmvn = cmvn
        self.frameStacking = frameStacking
        self.vocabulary = vocabulary
        self.network = network
        self.provenance = provenance
    }

    /// `frameStacking` may be absent (1) and `provenance` too (empty); everything else is required.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            sampleRate: try c.decode(Int.self, forKey: .sampleRate),
            features: try c.decode(FeatureOptions.self, forKey: .features),
            cmvn: try c.decode(CMVNConfig.self, forKey: .cmvn),
            frameStacking: try c.decodeIfPresent(Int.self, forKey: .frameStacking) ?? 1,
            vocabulary: try c.decode([String].self, forKey: .vocabulary),
            network: try c.decode(NetworkConfig.self, forKey: .network),
            provenance: try c.decodeIfPresent(Provenance.self, forKey: .provenance) ?? Provenance())
        formatVersion = try c.decode(Int.self, forKey: .formatVersion)
    }

    /// The fewest samples that make one feature frame.
    public var minimumSamples: Int { features.frameOptions.minimumSampleCount }

    /// How feature frames become network frames.
    public var stacking: FrameStacking { FrameStacking(factor: frameStacking) }

    /// Where each network frame lies in the audio (for word times).
    public var frameTiming: FrameTiming { FrameTiming(features.frameOptions, stacking: frameStacking) }
}

/// Feature normalisation: none, each utterance's own statistics, or global statistics stored here.
public struct CMVNConfig: Codable, Sendable, Equatable {
    public enum Mode: String, Codable, Sendable {
        case none, utterance, global
    }

    public var mode: Mode
    /// Also divide by the standard deviation (else only subtract the mean).
    public var normalizeVariance: Bool
    /// The statistics `global` uses (accumulated over the training set); nil otherwise.
    public var stats: CMVNStats?

    public init(mode: Mode, normalizeVariance: Bool = false, stats: CMVNStats? = nil) {
        self.mode = mode
        self.normalizeVariance = normalizeVariance
        self.stats = stats
    }

    /// `normalizeVariance` may be absent (false) and `stats` too; `mode` is required.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            mode: try c.decode(Mode.self, forKey: .mode),
            normalizeVariance: try c.decodeIfPresent(Bool.self, forKey: .normalizeVariance) ?? false,
            stats: try c.decodeIfPresent(CMVNStats.self, forKey: .stats))
    }

    /// The features normalised as configured.
    public func apply(to features: FeatureMatrix) -> FeatureMatrix {
        switch mode {
        case .none: features
        case .utterance: CMVNStats(features).apply(to: features, normalizeVariance: normalizeVariance)
        case .global:
            // `ModelConfig.validate` rejects global CMVN without statistics.
            stats.map { $0.apply(to: features, normalizeVariance: normalizeVariance) } ?? features
        }
    }
}

/// How a model was made. Every field is optional, so a model converted from elsewhere can leave
/// out what it does not know.
public struct Provenance: Codable, Sendable, Equatable {
    /// The training data, e.g. "FSDD (takes 10–49)".
    public var dataset: String?
    /// The training recipe or command line.
    public var recipe: String?
    /// When training finished, ISO 8601.
    public var created: String?
    /// The Earshot version that trained or converted the model.
    public var earshotVersion: String?
    /// Epochs trained.
    public var epochs: Int?
    /// Figures on held-out data, e.g. `["dev_accuracy": 0.95]`.
    public var devFigures: [String: Double]?
    /// The model these weights were fine-tuned from (`earshot train --init`): its name and what it
    /// was trained on; nil for a model trained from scratch.
    public var fineTunedFrom: String?

    public init(
        dataset: String? = nil, recipe: String? = nil, created: String? = nil, earshotVersion: String? = nil,
        epochs: Int? = nil, devFigures: [String: Double]? = nil, fineTunedFrom: String? = nil
    ) {
        self.dataset = dataset
        self.recipe = recipe
        self.created = created
        self.earshotVersion = earshotVersion
        self.epochs = epochs
        self.devFigures = devFigures
        self.fineTunedFrom = fineTunedFrom
    }
}
