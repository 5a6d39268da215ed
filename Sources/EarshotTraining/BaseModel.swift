import Earshot
import EarshotFeatures
import EarshotNN

/// A trained model that training starts from instead of random weights: fine-tuning
/// (`earshot train --init MODEL`), e.g. adapting a model to one person's voice from a few clips.
///
/// The model decides everything that must not change: its front-end (feature options, sample
/// rate and dither), its global CMVN statistics (a few clips must not move the normalisation)
/// and its architecture (input size, hidden size, layers, frame stacking). The vocabulary is the model's symbols
/// plus any new words; every GRU tensor is copied, and the output layer's rows (`fc.weight`,
/// `fc.bias`) are copied by symbol name, so new words get freshly initialised rows wherever they
/// sort.
public struct BaseModel: Sendable {
    public let model: Model
    /// How provenance and messages name the model: the path it was given as, or `default`.
    public let name: String

    public init(_ model: Model, name: String) {
        self.model = model
        self.name = name
    }

    /// The name that means the model bundled with Earshot (`--init default`).
    public static let bundledName = "default"

    /// The model file at `path`, or the bundled model (`Model.load(nil)`) when `path` is
    /// `default` (a file of that name is `./default`).
    public static func load(_ path: String) throws(ModelFileError) -> BaseModel {
        BaseModel(try Model.load(path == bundledName ? nil : path), name: path)
    }

    public var features: FeatureOptions { model.config.features }

    /// The model's global CMVN statistics, which normalise the fine-tuning data too. Only models
    /// with global mean and variance normalisation (what Earshot trains) can be fine-tuned.
    public func cmvnStats() throws(TrainingError) -> CMVNStats {
        let cmvn = model.config.cmvn
        guard cmvn.mode == .global, cmvn.normalizeVariance, let stats = cmvn.stats else {
            throw .baseModelConflict(
                model: name,
                detail: "its CMVN is \(cmvn.mode.rawValue)\(cmvn.normalizeVariance ? "" : " (mean only)"); "
                    + "fine-tuning needs global mean and variance statistics")
        }
        return stats
    }

    /// The model's symbols (its filler `<other>` included) and `words`.
    public func vocabulary(adding words: some Sequence<String>) -> Vocabulary {
        Vocabulary(words: Array(model.config.vocabulary) + Array(words))
    }

    /// The words of `vocabulary` that the model does not know, in vocabulary order.
    public func newWords(in vocabulary: Vocabulary) -> [String] {
        let known = Set(model.config.vocabulary)
        return vocabulary.words.filter { !known.contains($0) }
    }

    /// Checks that a run may start from this model: the configuration's architecture is the
    /// model's, and `features`, when given, are the model's.
    public func check(_ configuration: TrainingConfiguration, features: FeatureOptions?) throws(TrainingError) {
        let network = model.config.network
        if configuration.hiddenSize != network.hiddenSize {
            throw .baseModelConflict(
                model: name, detail: "--hidden \(configuration.hiddenSize) differs from the model's \(network.hiddenSize)")
        }
        if configuration.layers != network.numLayers {
            throw .baseModelConflict(
                model: name, detail: "--layers \(configuration.layers) differs from the model's \(network.numLayers)")
        }
        if configuration.frameStacking != model.config.frameStacking {
            throw .baseModelConflict(
                model: name,
                detail: "--stack-frames \(configuration.frameStacking) differs from the model's \(model.config.frameStacking)")
        }
        if let features, features != self.features {
            throw .baseModelConflict(model: name, detail: "the feature options differ from the model's")
        }
        _ = try cmvnStats()
    }

    /// The network shape for `vocabulary`: the model's, with an output row per symbol and the
    /// configuration's dropout.
    public func network(for vocabulary: Vocabulary, dropout: Float) -> NetworkConfig {
        var network = model.config.network
        network.numClasses = vocabulary.count
        network.dropout = dropout
        return network
    }

    /// Copies the model's weights into `network` (shaped by `network(for: vocabulary, ...)`):
    /// every GRU tensor as it is, and the output row of every symbol the model knows, found by
    /// name. Rows of new words keep `network`'s own initialisation.
    public func copyWeights(into network: AcousticNetwork, vocabulary: Vocabulary) {
        let source = Dictionary(uniqueKeysWithValues: model.network.parameters.map { ($0.name, $0.tensor) })
        let oldRow = Dictionary(uniqueKeysWithValues: model.config.vocabulary.enumerated().map { ($1, $0) })
        let layout = network.layout
        var values = network.parameterValues
        for (index, name) in layout.names.enumerated() {
            let tensor = source[name]!, start = layout.offsets[index], shape = layout.shapes[index]
            if name == "fc.weight" || name == "fc.bias" {
                let width = shape.count == 2 ? shape[1] : 1
                for (row, symbol) in vocabulary.symbols.enumerated() {
                    guard let old = oldRow[symbol] else { continue }
                    values.replaceSubrange(
                        (start + row * width)..<(start + (row + 1) * width), with: tensor.data[(old * width)..<((old + 1) * width)])
                }
            } else {
                precondition(tensor.shape == shape, "\(name): the model's shape \(tensor.shape) differs from \(shape)")
                values.replaceSubrange(start..<(start + tensor.data.count), with: tensor.data)
            }
        }
        network.parameterValues = values
    }

    /// What a fine-tuned model's provenance says it came from: the name, and what the model was
    /// trained on and when, as far as its own provenance says.
    public var provenanceDescription: String {
        let p = model.config.provenance
        let details = [p.dataset.map { "trained on \($0)" }, p.created].compactMap { $0 }
        return details.isEmpty ? name : "\(name) (\(details.joined(separator: ", ")))"
    }
}

extension TrainingConfiguration {
    /// The defaults for fine-tuning a trained model (`earshot train --init`): learning rate 3e-4,
    /// no warm-up (the weights are already good; a warm-up would only spend the few updates a
    /// small data set gives), 30 epochs, and the L2-SP anchor α = 0.3 (`addAnchorPenalty`), which
    /// keeps the weights near the model's; everything else, patience included, as when training
    /// from scratch. Chosen on real voices the model never heard (docs/model-card.md, "Adapting to
    /// one person"): 1e-4 for 10 epochs left much of the gain untaken; the same updates without
    /// the anchor or the rehearsal set (`RehearsalSet`) forgot more of what the clips do not show
    /// (other people's commands, other words); with the rehearsal set, α = 0.3 adapts as much as
    /// α = 1 without it and keeps more of the filler.
    public static var fineTuning: TrainingConfiguration {
        var configuration = TrainingConfiguration()
        configuration.learningRate = 3e-4
        configuration.warmupSteps = 0
        configuration.epochs = 30
        configuration.anchorStrength = 0.3
        return configuration
    }

    /// `fineTuning` with `model`'s architecture (hidden size, layers and frame stacking).
    public static func fineTuning(_ model: Model) -> TrainingConfiguration {
        var configuration = fineTuning
        configuration.hiddenSize = model.config.network.hiddenSize
        configuration.layers = model.config.network.numLayers
        configuration.frameStacking = model.config.frameStacking
        return configuration
    }
}
