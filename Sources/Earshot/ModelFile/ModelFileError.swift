/// Why a model file could not be read or written. Each case renders as one line that names the
/// file and the problem, e.g. `model.safetensors: truncated: header says 1032 bytes, file has 1000`.
public enum ModelFileError: Error, CustomStringConvertible, Equatable, Sendable {
    /// The file could not be opened, read, written or renamed.
    case io(file: String, reason: String)
    /// The bytes are not a safetensors file (too short for the length prefix, header not a JSON object).
    case notSafeTensors(file: String, reason: String)
    /// The file ends before the header or the tensor data it announces.
    case truncated(file: String, reason: String)
    /// The header length prefix exceeds `SafeTensorsFile.maximumHeaderSize`.
    case headerTooLarge(file: String, bytes: UInt64, limit: Int)
    /// A header entry is malformed: bad dtype, shape, offsets, overlap, hole or metadata.
    case malformedHeader(file: String, reason: String)
    /// A tensor is stored in a dtype other than F32.
    case unsupportedDType(file: String, tensor: String, dtype: String)
    /// `__metadata__` lacks the model config, or the config does not decode.
    case invalidConfig(file: String, reason: String)
    /// The config's format version is not one this Earshot reads.
    case unknownFormatVersion(file: String, version: Int, supported: Int)
    /// A tensor the network needs is absent.
    case missingTensor(file: String, name: String)
    /// A tensor the network does not have is present.
    case unexpectedTensor(file: String, name: String)
    /// A tensor's shape differs from the one the config implies.
    case wrongShape(file: String, name: String, expected: [Int], found: [Int])
    /// The vocabulary does not fit the output layer.
    case vocabularyMismatch(file: String, reason: String)
    /// A weight is NaN or infinite.
    case nonFiniteWeight(file: String, name: String, index: Int)
    /// This build has no `Resources/default.safetensors`.
    case noBundledModel

    public var description: String {
        switch self {
        case .io(let file, let reason): "\(file): \(reason)"
        case .notSafeTensors(let file, let reason): "\(file): not a safetensors file: \(reason)"
        case .truncated(let file, let reason): "\(file): truncated: \(reason)"
        case .headerTooLarge(let file, let bytes, let limit):
            "\(file): header too large: \(bytes) bytes (limit \(limit))"
        case .malformedHeader(let file, let reason): "\(file): malformed safetensors header: \(reason)"
        case .unsupportedDType(let file, let tensor, let dtype):
            "\(file): tensor '\(tensor)' has dtype \(dtype); Earshot reads F32 only"
        case .invalidConfig(let file, let reason): "\(file): invalid model config: \(reason)"
        case .unknownFormatVersion(let file, let version, let supported):
            "\(file): unknown model format version \(version) (this Earshot reads version \(supported))"
        case .missingTensor(let file, let name): "\(file): missing tensor '\(name)'"
        case .unexpectedTensor(let file, let name): "\(file): unexpected tensor '\(name)'"
        case .wrongShape(let file, let name, let expected, let found):
            "\(file): tensor '\(name)' has shape \(found), expected \(expected)"
        case .vocabularyMismatch(let file, let reason): "\(file): vocabulary mismatch: \(reason)"
        case .nonFiniteWeight(let file, let name, let index):
            "\(file): tensor '\(name)' has a non-finite value at flat index \(index)"
        case .noBundledModel:
            "default.safetensors: no default model is bundled with this build of Earshot; pass --model PATH"
        }
    }
}
