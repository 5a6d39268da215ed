import Foundation

/// Ways to write a `FeatureMatrix` to a file.
public enum FeatureFileFormat: String, Sendable, Hashable, CaseIterable {
    /// One line per frame, values separated by commas.
    case csv
    /// `{"frames":N,"dims":D,"values":[[...],...]}`, one inner array per frame.
    case json
    /// NumPy `.npy` version 1.0: float32 little-endian, C order, shape (frames, dims).
    case npy

    public func encode(_ features: FeatureMatrix) -> Data {
        switch self {
        case .csv: Data(rows(features, separator: ",").map { $0 + "\n" }.joined().utf8)
        case .json:
            Data(("{\"frames\":\(features.frames),\"dims\":\(features.dims),\"values\":["
                + rows(features, separator: ",").map { "[" + $0 + "]" }.joined(separator: ",") + "]}\n").utf8)
        case .npy: Self.npy(features)
        }
    }

    /// Each frame's values as shortest round-trip decimals, joined by `separator`.
    private func rows(_ features: FeatureMatrix, separator: String) -> [String] {
        (0..<features.frames).map { t in features[frame: t].map { "\($0)" }.joined(separator: separator) }
    }

    /// Magic, version 1.0, little-endian header length, then a Python dict literal padded with
    /// spaces and a newline so the data starts at a multiple of 64 bytes.
    private static func npy(_ features: FeatureMatrix) -> Data {
        var header = "{'descr': '<f4', 'fortran_order': False, 'shape': (\(features.frames), \(features.dims)), }"
        let unpadded = 10 + header.utf8.count + 1
        header += String(repeating: " ", count: (64 - unpadded % 64) % 64) + "\n"
        var data = Data([0x93] + Array("NUMPY".utf8) + [1, 0])
        let length = UInt16(header.utf8.count)
        data.append(contentsOf: [UInt8(length & 0xFF), UInt8(length >> 8)])
        data.append(contentsOf: header.utf8)
        for value in features.values { withUnsafeBytes(of: value.bitPattern.littleEndian) { data.append(contentsOf: $0) } }
        return data
    }
}
