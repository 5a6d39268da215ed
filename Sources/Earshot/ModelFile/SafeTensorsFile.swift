import EarshotNN
import Foundation

/// A safetensors file of F32 tensors plus string metadata.
///
/// Layout (the format's specification): an 8-byte little-endian `u64` header length `N`; `N`
/// bytes of UTF-8 JSON `{"name": {"dtype": "F32", "shape": [...], "data_offsets": [begin, end]},
/// ..., "__metadata__": {"key": "value"}}`, padded with spaces so the data starts 8-byte
/// aligned; then the tensor bytes, little-endian. Offsets are relative to the first data byte and
/// tile the data exactly: contiguous, no overlap, no hole, nothing after the last tensor.
public struct SafeTensorsFile: Sendable, Equatable {
    /// The largest header accepted (the reference implementation's limit), so a corrupt length
    /// prefix cannot make the reader allocate gigabytes.
    public static let maximumHeaderSize = 100_000_000
    static let metadataKey = "__metadata__"

    public var tensors: [String: Tensor]
    public var metadata: [String: String]

    public init(tensors: [String: Tensor], metadata: [String: String] = [:]) {
        self.tensors = tensors
        self.metadata = metadata
    }

    /// Reads and validates the file at `url`; every problem is a `ModelFileError` naming `url`'s path.
    public init(contentsOf url: URL) throws(ModelFileError) {
        let bytes: Data
        do {
            bytes = try Data(contentsOf: url, options: .mappedIfSafe)
        } catch {
            throw .io(file: url.path, reason: "cannot read: \(error.localizedDescription)")
        }
        try self.init(bytes: bytes, file: url.path)
    }

    /// Parses and validates `bytes`; `file` names the source in errors.
    public init(bytes: Data, file: String) throws(ModelFileError) {
        guard bytes.count >= 8 else {
            throw .notSafeTensors(file: file, reason: "\(bytes.count) bytes, shorter than the 8-byte header length")
        }
        let headerLength = bytes.withUnsafeBytes { UInt64(littleEndian: $0.loadUnaligned(as: UInt64.self)) }
        guard headerLength <= UInt64(Self.maximumHeaderSize) else {
            throw .headerTooLarge(file: file, bytes: headerLength, limit: Self.maximumHeaderSize)
        }
        let headerEnd = 8 + Int(headerLength)
        guard headerEnd <= bytes.count else {
            throw .truncated(file: file, reason: "header says \(headerLength) bytes, file has \(bytes.count - 8) after the length")
        }
        let base = bytes.startIndex
        let header = bytes[(base + 8)..<(base + headerEnd)]
        let data = bytes[(base + headerEnd)...]
        let entries = try Self.parseHeader(header, file: file)
        metadata = entries.metadata
        try Self.checkTiling(entries.tensors, dataBytes: data.count, file: file)
        tensors = entries.tensors.mapValues { entry in
            Tensor(shape: entry.shape, data: Self.floats(data, entry.begin, entry.end))
        }
    }

    /// One tensor's header entry.
    struct Entry {
        var shape: [Int]
        var begin: Int
        var end: Int
    }

    private static func parseHeader(_ header: Data, file: String) throws(ModelFileError)
        -> (tensors: [String: Entry], metadata: [String: String])
    {
        guard header.first == UInt8(ascii: "{"),
            let object = try? JSONSerialization.jsonObject(with: header) as? [String: Any]
        else { throw .notSafeTensors(file: file, reason: "header is not a JSON object") }
        var tensors: [String: Entry] = [:]
        var metadata: [String: String] = [:]
        for (name, value) in object {
            if name == metadataKey {
                guard let strings = value as? [String: String] else {
                    throw .malformedHeader(file: file, reason: "__metadata__ must map strings to strings")
                }
                metadata = strings
                continue
            }
            guard let fields = value as? [String: Any] else {
                throw .malformedHeader(file: file, reason: "entry '\(name)' is not an object")
            }
            guard let dtype = fields["dtype"] as? String else {
                throw .malformedHeader(file: file, reason: "tensor '\(name)' has no dtype")
            }
            guard dtype == "F32" else { throw .unsupportedDType(file: file, tensor: name, dtype: dtype) }
            guard let shape = integers(fields["shape"]), shape.allSatisfy({ $0 >= 0 }) else {
                throw .malformedHeader(file: file, reason: "tensor '\(name)' has no valid shape")
            }
            guard let offsets = integers(fields["data_offsets"]), offsets.count == 2,
                offsets[0] >= 0, offsets[0] <= offsets[1]
            else { throw .malformedHeader(file: file, reason: "tensor '\(name)' has invalid data_offsets") }
            guard let byteCount = byteCount(of: shape), offsets[1] - offsets[0] == byteCount else {
                throw .malformedHeader(
                    file: file,
                    reason: "tensor '\(name)' of shape \(shape) spans \(offsets[1] - offsets[0]) bytes, not 4 per value")
            }
            tensors[name] = Entry(shape: shape, begin: offsets[0], end: offsets[1])
        }
        return (tensors, metadata)
    }

    /// 4 × the product of `shape`, or nil if that overflows.
    private static func byteCount(of shape: [Int]) -> Int? {
        var product = 4
        for dimension in shape {
            let (next, overflow) = product.multipliedReportingOverflow(by: dimension)
            if overflow { return nil }
            product = next
        }
        return product
    }

    /// A JSON array of integers (numbers without a fractional part), or nil.
    private static func integers(_ value: Any?) -> [Int]? {
        guard let array = value as? [Any] else { return nil }
        var result: [Int] = []
        for element in array {
            guard let number = element as? NSNumber,
                let exact = Int(exactly: number.doubleValue)
            else { return nil }
            result.append(exact)
        }
        return result
    }

    /// Checks that the tensors' byte ranges, in order, start at 0, meet end to end, and end at the data's end.
    private static func checkTiling(_ entries: [String: Entry], dataBytes: Int, file: String) throws(ModelFileError) {
        var cursor = 0
        var previous = "the start of the data"
        for (name, entry) in entries.sorted(by: { ($0.value.begin, $0.value.end, $0.key) < ($1.value.begin, $1.value.end, $1.key) }) {
            if entry.begin < cursor {
                throw .malformedHeader(file: file, reason: "tensor '\(name)' overlaps '\(previous)'")
            }
            if entry.begin > cursor {
                throw .malformedHeader(file: file, reason: "hole of \(entry.begin - cursor) bytes before tensor '\(name)'")
            }
            cursor = entry.end
            previous = name
        }
        if cursor > dataBytes {
            throw .truncated(file: file, reason: "tensors need \(cursor) data bytes, file has \(dataBytes)")
        }
        if cursor < dataBytes {
            throw .malformedHeader(file: file, reason: "\(dataBytes - cursor) bytes after the last tensor")
        }
    }

    /// The little-endian float32 values in `data[begin..<end]` (offsets relative to `data`'s start).
    private static func floats(_ data: Data, _ begin: Int, _ end: Int) -> [Float] {
        let count = (end - begin) / 4
        // Not through the initializer below when empty: it writes the count into the array
        // singleton all empty arrays share, a data race with other threads (ThreadSanitizer).
        guard count > 0 else { return [] }
        return data.withUnsafeBytes { raw in
            [Float](unsafeUninitializedCapacity: count) { buffer, initialized in
                for i in 0..<count {
                    let bits = raw.loadUnaligned(fromByteOffset: begin + 4 * i, as: UInt32.self)
                    buffer[i] = Float(bitPattern: UInt32(littleEndian: bits))
                }
                initialized = count
            }
        }
    }
}
