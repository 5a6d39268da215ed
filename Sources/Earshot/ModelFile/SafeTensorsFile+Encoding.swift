import EarshotNN
import Foundation

extension SafeTensorsFile {
    /// The file's bytes: tensors in name order, packed back to back after a space-padded header.
    public func encoded() -> Data {
        var header: [String: Any] = [:]
        var offset = 0
        let names = tensors.keys.sorted()
        for name in names {
            let tensor = tensors[name]!
            let end = offset + 4 * tensor.data.count
            header[name] = ["dtype": "F32", "shape": tensor.shape, "data_offsets": [offset, end]] as [String: Any]
            offset = end
        }
        if !metadata.isEmpty { header[Self.metadataKey] = metadata }
        var json = try! JSONSerialization.data(withJSONObject: header, options: [.sortedKeys, .withoutEscapingSlashes])
        // The data must start 8-byte aligned: pad the header with spaces (valid JSON whitespace).
        json.append(contentsOf: [UInt8](repeating: UInt8(ascii: " "), count: (8 - json.count % 8) % 8))

        var bytes = Data(capacity: 8 + json.count + offset)
        withUnsafeBytes(of: UInt64(json.count).littleEndian) { bytes.append(contentsOf: $0) }
        bytes.append(json)
        for name in names {
            tensors[name]!.data.withUnsafeBufferPointer { values in
                #if _endian(little)
                    bytes.append(UnsafeBufferPointer(start: UnsafeRawPointer(values.baseAddress!).assumingMemoryBound(to: UInt8.self), count: values.count * 4))
                #else
                    for value in values { withUnsafeBytes(of: value.bitPattern.littleEndian) { bytes.append(contentsOf: $0) } }
                #endif
            }
        }
        return bytes
    }

    /// Writes the file atomically: a crash or a failed write never leaves a partial file at `url`.
    public func write(to url: URL) throws(ModelFileError) {
        try AtomicFile.write(encoded(), to: url)
    }
}
