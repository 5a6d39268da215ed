import EarshotNN
import Foundation

/// A trained recognizer's weights and everything needed to use them: one `.safetensors` file
/// with the network's tensors under PyTorch's state-dict names and the `ModelConfig` as JSON in
/// `__metadata__` (see docs/model-format.md).
public final class Model: Sendable {
    public let config: ModelConfig
    public let network: AcousticNetwork

    /// A model of `network`, whose shape must be `config.network`.
    public init(config: ModelConfig, network: AcousticNetwork) {
        precondition(network.config == config.network, "network shape differs from the config's")
        self.config = config
        self.network = network
    }

    /// A model with PyTorch's random initialisation drawn from `seed` (a starting point for training).
    public convenience init(config: ModelConfig, seed: UInt64) {
        self.init(config: config, network: AcousticNetwork(config: config.network, seed: seed))
    }

    /// Reads and checks the model at `url`: the safetensors structure, the config (format version,
    /// features, CMVN, vocabulary against the output size) and every tensor (names, shapes, finite values).
    public convenience init(contentsOf url: URL) throws(ModelFileError) {
        let file = try SafeTensorsFile(contentsOf: url)
        try self.init(file, name: url.path)
    }

    /// A model from an already-parsed safetensors file; `name` labels errors.
    public convenience init(_ file: SafeTensorsFile, name: String) throws(ModelFileError) {
        let config = try ModelConfig(metadata: file.metadata, file: name)
        if let bias = file.tensors["fc.bias"], bias.shape != [config.vocabulary.count] {
            throw .vocabularyMismatch(
                file: name, reason: "the output layer has shape \(bias.shape), the vocabulary \(config.vocabulary.count) symbols")
        }
        let network: AcousticNetwork
        do {
            network = try AcousticNetwork(config: config.network, parameters: file.tensors, threads: 1)
        } catch let error as NetworkError {
            throw ModelFileError(error, file: name)
        } catch {
            throw .invalidConfig(file: name, reason: "\(error)")
        }
        self.init(config: config, network: network)
    }

    /// The weights and config as a safetensors file.
    public var safeTensorsFile: SafeTensorsFile {
        SafeTensorsFile(
            tensors: Dictionary(uniqueKeysWithValues: network.parameters.map { ($0.name, $0.tensor) }),
            metadata: ["format": "pt", ModelConfig.metadataKey: config.json])
    }

    /// Writes the model to `url` atomically (temporary file, then rename).
    public func save(to url: URL) throws(ModelFileError) {
        try safeTensorsFile.write(to: url)
    }

    /// Number of trainable parameters.
    public var parameterCount: Int { network.layout.count }

    /// Where the package's own model, `Resources/default.safetensors`, is; nil when this build has none.
    public static var bundledDefaultURL: URL? {
        Bundle.module.url(forResource: "default", withExtension: "safetensors", subdirectory: "Resources")
    }

    /// The model at `path`, or the bundled default when `path` is nil (what `--model` means in the CLI).
    public static func load(_ path: String?) throws(ModelFileError) -> Model {
        guard let path else { return try bundledDefault() }
        return try Model(contentsOf: URL(fileURLWithPath: path))
    }

    /// The model shipped with the package.
    public static func bundledDefault() throws(ModelFileError) -> Model {
        guard let url = bundledDefaultURL else { throw .noBundledModel }
        return try Model(contentsOf: url)
    }
}

extension ModelFileError {
    /// The network's complaint about the tensors, attributed to `file`.
    init(_ error: NetworkError, file: String) {
        switch error {
        case .missingParameter(let name): self = .missingTensor(file: file, name: name)
        case .unexpectedParameter(let name): self = .unexpectedTensor(file: file, name: name)
        case .shapeMismatch(let name, let expected, let actual):
            self = .wrongShape(file: file, name: name, expected: expected, found: actual)
        case .nonFinite(let name, let index): self = .nonFiniteWeight(file: file, name: name, index: index)
        }
    }
}
