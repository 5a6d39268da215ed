import EarshotFeatures
import Foundation

extension ModelConfig {
    /// The most feature frames one network frame may join (8: 80 ms at a 10 ms shift, shorter
    /// than any word).
    public static let maxFrameStacking = 8

    /// The config as compact JSON with sorted keys (what the model file's metadata holds).
    public var json: String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try! encoder.encode(self), as: UTF8.self)
    }

    /// The config stored in a model file's `__metadata__`, checked: known format version, decodable,
    /// and consistent (see `validate`). `file` names the model in errors.
    public init(metadata: [String: String], file: String) throws(ModelFileError) {
        guard let text = metadata[Self.metadataKey] else {
            throw .invalidConfig(file: file, reason: "no '\(Self.metadataKey)' entry in __metadata__")
        }
        let data = Data(text.utf8)
        struct Version: Decodable { var formatVersion: Int }
        let version: Int
        do {
            version = try JSONDecoder().decode(Version.self, from: data).formatVersion
        } catch {
            throw .invalidConfig(file: file, reason: describeDecodingError(error))
        }
        guard version == Self.currentFormatVersion else {
            throw .unknownFormatVersion(file: file, version: version, supported: Self.currentFormatVersion)
        }
        do {
            self = try JSONDecoder().decode(ModelConfig.self, from: data)
        } catch {
            throw .invalidConfig(file: file, reason: describeDecodingError(error))
        }
        try validate(file: file)
    }

    /// Checks that the parts agree: rates, feature options, CMVN statistics, vocabulary and layer sizes.
    public func validate(file: String) throws(ModelFileError) {
        func invalid(_ reason: String) -> ModelFileError { .invalidConfig(file: file, reason: reason) }
        do {
            try features.validate()
        } catch {
            throw invalid(error.description)
        }
        guard sampleRate == features.sampleRate else {
            throw invalid("sampleRate \(sampleRate) differs from the features' \(features.sampleRate)")
        }
        guard (1...Self.maxFrameStacking).contains(frameStacking) else {
            throw invalid("frameStacking \(frameStacking) is outside 1...\(Self.maxFrameStacking)")
        }
        guard network.inputSize == features.dimension * frameStacking else {
            throw invalid(
                "network.inputSize \(network.inputSize) differs from the feature dimension \(features.dimension)"
                    + (frameStacking == 1 ? "" : " × frameStacking \(frameStacking)"))
        }
        guard network.hiddenSize >= 1, network.numLayers >= 1 else {
            throw invalid("network needs hiddenSize ≥ 1 and numLayers ≥ 1")
        }
        if cmvn.mode == .global {
            guard let stats = cmvn.stats, stats.count > 0 else { throw invalid("global CMVN without statistics") }
            guard stats.dims == features.dimension else {
                throw invalid("CMVN statistics have \(stats.dims) dimensions, features \(features.dimension)")
            }
            guard stats.sum.count == stats.dims, stats.sumOfSquares.count == stats.dims else {
                throw invalid(
                    "CMVN statistics of \(stats.dims) dimensions have \(stats.sum.count) sums and \(stats.sumOfSquares.count) sums of squares")
            }
        }
        guard vocabulary.first == Self.blank else {
            throw .vocabularyMismatch(file: file, reason: "symbol 0 must be \(Self.blank)")
        }
        if let duplicate = Dictionary(grouping: vocabulary, by: { $0 }).first(where: { $0.value.count > 1 })?.key {
            throw .vocabularyMismatch(file: file, reason: "'\(duplicate)' appears more than once")
        }
        if let bad = vocabulary.first(where: { $0.isEmpty || $0.contains(where: \.isWhitespace) }) {
            throw .vocabularyMismatch(file: file, reason: "'\(bad)' is not a single word")
        }
        guard vocabulary.count == network.numClasses else {
            throw .vocabularyMismatch(
                file: file, reason: "\(vocabulary.count) symbols but network.numClasses is \(network.numClasses)")
        }
    }
}
