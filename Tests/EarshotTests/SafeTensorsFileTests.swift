import EarshotNN
import Foundation
import Testing

@testable import Earshot
import EarshotTestSupport

/// A safetensors file assembled by hand: length prefix, the given header text, the given data bytes.
private func rawFile(header: String, data: [UInt8] = []) -> Data {
    var bytes = Data()
    withUnsafeBytes(of: UInt64(header.utf8.count).littleEndian) { bytes.append(contentsOf: $0) }
    bytes.append(contentsOf: Array(header.utf8))
    bytes.append(contentsOf: data)
    return bytes
}

private let sample = SafeTensorsFile(
    tensors: [
        "gru.weight_ih_l0": Tensor(shape: [3, 2], data: [1, -2, 3.5, 0, .leastNonzeroMagnitude, -0.0]),
        "fc.bias": Tensor(shape: [3], data: [0.25, 1e-30, -7]),
        "scalar": Tensor(shape: [], data: [42]),
    ],
    metadata: ["earshot.config": #"{"formatVersion":1}"#, "note": "ünïcode / slash"])

private let fourBytes: [UInt8] = [0, 0, 128, 63]  // 1.0f, little-endian

/// The error reading `bytes` raises, or nil if it reads.
private func rejection(_ bytes: Data) -> ModelFileError? {
    do {
        _ = try SafeTensorsFile(bytes: bytes, file: "bad.safetensors")
        return nil
    } catch { return error }
}

@Suite struct SafeTensorsFileTests {
    @Test func roundTripsTensorsAndMetadataBitForBit() throws {
        let decoded = try SafeTensorsFile(bytes: sample.encoded(), file: "mem")
        #expect(decoded == sample)
        let zero = try #require(decoded.tensors["gru.weight_ih_l0"]?.data[5])
        #expect(zero.sign == .minus)
    }

    /// Parses the encoded bytes by hand, following the format's specification, not the reader.
    @Test func bytesFollowTheSpecification() throws {
        let bytes = [UInt8](sample.encoded())
        let n = bytes[0..<8].enumerated().reduce(UInt64(0)) { $0 | UInt64($1.element) << (8 * UInt64($1.offset)) }
        let headerEnd = 8 + Int(n)
        #expect(headerEnd % 8 == 0, "data must start 8-byte aligned")
        let headerBytes = Array(bytes[8..<headerEnd])
        #expect(headerBytes.first == UInt8(ascii: "{"))
        let headerText = try #require(String(bytes: headerBytes, encoding: .utf8))
        #expect(headerText.trimmingCharacters(in: .init(charactersIn: " ")).hasSuffix("}"), "only spaces pad the header")
        let header = try #require(try JSONSerialization.jsonObject(with: Data(headerBytes)) as? [String: Any])
        #expect(header["__metadata__"] as? [String: String] == sample.metadata)
        let data = Array(bytes[headerEnd...])
        var spans: [(Int, Int)] = []
        for (name, tensor) in sample.tensors {
            let entry = try #require(header[name] as? [String: Any])
            #expect(entry["dtype"] as? String == "F32")
            #expect(entry["shape"] as? [Int] == tensor.shape)
            let offsets = try #require(entry["data_offsets"] as? [Int])
            #expect(offsets[1] - offsets[0] == 4 * tensor.data.count)
            spans.append((offsets[0], offsets[1]))
            for (i, value) in tensor.data.enumerated() {
                let o = offsets[0] + 4 * i
                let bits = UInt32(data[o]) | UInt32(data[o + 1]) << 8 | UInt32(data[o + 2]) << 16 | UInt32(data[o + 3]) << 24
                #expect(bits == value.bitPattern, "\(name)[\(i)] little-endian")
            }
        }
        spans.sort { $0.0 < $1.0 }
        #expect(spans.first?.0 == 0)
        #expect(zip(spans, spans.dropFirst()).allSatisfy { $0.1 == $1.0 }, "contiguous, no holes")
        #expect(spans.last?.1 == data.count, "nothing after the last tensor")
    }

    @Test func writeReplacesAtomicallyAndLeavesNoTemporaryFile() throws {
        let directory = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let url = directory.appendingPathComponent("model.safetensors")
        try Data("old".utf8).write(to: url)
        try sample.write(to: url)
        #expect(try SafeTensorsFile(contentsOf: url) == sample)
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == ["model.safetensors"])
    }

    @Test func writeIntoMissingDirectoryFailsNamingTheFile() {
        let url = URL(fileURLWithPath: "/nonexistent-\(UUID().uuidString)/m.safetensors")
        #expect {
            try sample.write(to: url)
        } throws: { error in
            guard case ModelFileError.io(let file, _) = error else { return false }
            return file == url.path
        }
    }

    @Test func missingFileIsAnIOError() {
        #expect(throws: ModelFileError.self) {
            try SafeTensorsFile(contentsOf: URL(fileURLWithPath: "/nonexistent.safetensors"))
        }
    }
}

/// One test per way a file can be corrupt.
@Suite struct SafeTensorsCorruptionTests {
    @Test func shortFileIsNotSafeTensors() throws {
        let error = try #require(rejection(Data([1, 2, 3])))
        guard case .notSafeTensors = error else { Issue.record("\(error)"); return }
        #expect(error.description.hasPrefix("bad.safetensors: "))
        #expect(!error.description.contains("\n"))
    }

    @Test func nonJSONHeaderIsNotSafeTensors() throws {
        let error = try #require(rejection(rawFile(header: "RIFF....WAVEfmt ")))
        guard case .notSafeTensors = error else { Issue.record("\(error)"); return }
    }

    @Test func hugeLengthPrefixIsHeaderTooLarge() throws {
        var bytes = Data()
        withUnsafeBytes(of: UInt64(1 << 40).littleEndian) { bytes.append(contentsOf: $0) }
        bytes.append(contentsOf: Array("{}".utf8))
        let error = try #require(rejection(bytes))
        guard case .headerTooLarge(_, let size, _) = error else { Issue.record("\(error)"); return }
        #expect(size == 1 << 40)
    }

    @Test func cutInsideHeaderIsTruncated() throws {
        let error = try #require(rejection(sample.encoded().prefix(20)))
        guard case .truncated = error else { Issue.record("\(error)"); return }
    }

    @Test func cutInsideDataIsTruncated() throws {
        let bytes = sample.encoded()
        let error = try #require(rejection(bytes.prefix(bytes.count - 4)))
        guard case .truncated = error else { Issue.record("\(error)"); return }
    }

    @Test func trailingBytesAreRejected() throws {
        let error = try #require(rejection(sample.encoded() + Data([0, 0, 0, 0])))
        guard case .malformedHeader = error else { Issue.record("\(error)"); return }
    }

    @Test func otherDTypeIsUnsupported() throws {
        let header = #"{"w":{"dtype":"F16","shape":[2],"data_offsets":[0,4]}}"#
        let error = try #require(rejection(rawFile(header: header, data: fourBytes)))
        #expect(error == .unsupportedDType(file: "bad.safetensors", tensor: "w", dtype: "F16"))
    }

    @Test func shapeThatDisagreesWithOffsetsIsMalformed() throws {
        let header = #"{"w":{"dtype":"F32","shape":[2],"data_offsets":[0,4]}}"#
        let error = try #require(rejection(rawFile(header: header, data: fourBytes)))
        guard case .malformedHeader(_, let reason) = error else { Issue.record("\(error)"); return }
        #expect(reason.contains("'w'"))
    }

    @Test func overlappingTensorsAreMalformed() throws {
        let header = #"{"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]},"b":{"dtype":"F32","shape":[1],"data_offsets":[4,8]}}"#
        let error = try #require(rejection(rawFile(header: header, data: fourBytes + fourBytes)))
        guard case .malformedHeader(_, let reason) = error else { Issue.record("\(error)"); return }
        #expect(reason.contains("overlaps"))
    }

    @Test func holeBetweenTensorsIsMalformed() throws {
        let header = #"{"a":{"dtype":"F32","shape":[1],"data_offsets":[0,4]},"b":{"dtype":"F32","shape":[1],"data_offsets":[8,12]}}"#
        let error = try #require(rejection(rawFile(header: header, data: fourBytes + fourBytes + fourBytes)))
        guard case .malformedHeader(_, let reason) = error else { Issue.record("\(error)"); return }
        #expect(reason.contains("hole"))
    }

    @Test(arguments: [
        #"{"a":{"dtype":"F32","shape":[-1],"data_offsets":[0,4]}}"#,
        #"{"a":{"dtype":"F32","shape":[1],"data_offsets":[0.5,4]}}"#,
        #"{"a":{"dtype":"F32","shape":[1],"data_offsets":[4,0]}}"#,
        #"{"a":{"dtype":"F32","shape":[4611686018427387904,4],"data_offsets":[0,4]}}"#,
        #"{"a":{"dtype":"F32","data_offsets":[0,4]}}"#,
        #"{"a":[1,2]}"#,
    ])
    func invalidEntriesAreMalformed(header: String) throws {
        let error = try #require(rejection(rawFile(header: header, data: fourBytes)))
        guard case .malformedHeader = error else { Issue.record("\(error)"); return }
    }

    @Test func nonStringMetadataIsMalformed() throws {
        let error = try #require(rejection(rawFile(header: #"{"__metadata__":{"epochs":3}}"#)))
        guard case .malformedHeader = error else { Issue.record("\(error)"); return }
    }
}
