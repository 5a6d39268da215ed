import Foundation
import Testing

@testable import EarshotFeatures

struct FeatureFileFormatTests {
    static let matrix = FeatureMatrix(frames: 3, dims: 2, values: [1.5, -2, 0.1, 1e-7, 123456.79, -0])

    @Test func npyHasVersion1HeaderAndLittleEndianFloat32Data() throws {
        let data = [UInt8](FeatureFileFormat.npy.encode(Self.matrix))
        #expect(data[0..<8] == [0x93, 0x4E, 0x55, 0x4D, 0x50, 0x59, 1, 0][...])  // \x93NUMPY 1.0
        let headerLength = Int(data[8]) | Int(data[9]) << 8
        let header = try #require(String(bytes: data[10..<10 + headerLength], encoding: .ascii))
        #expect((10 + headerLength) % 64 == 0)
        #expect(header.hasPrefix("{'descr': '<f4', 'fortran_order': False, 'shape': (3, 2), }"))
        #expect(header.hasSuffix("\n"))
        let payload = Array(data[(10 + headerLength)...])
        #expect(payload.count == 6 * 4)
        let decoded = (0..<6).map { i in
            Float(bitPattern: (0..<4).reduce(UInt32(0)) { $0 | UInt32(payload[4 * i + $1]) << (8 * $1) })
        }
        #expect(decoded == Self.matrix.values)
    }

    @Test func jsonHasFramesDimsAndRows() throws {
        let object = try #require(
            JSONSerialization.jsonObject(with: FeatureFileFormat.json.encode(Self.matrix)) as? [String: Any])
        #expect(object["frames"] as? Int == 3 && object["dims"] as? Int == 2)
        let rows = try #require(object["values"] as? [[Double]])
        #expect(rows.flatMap { $0.map(Float.init) } == Self.matrix.values)
    }

    @Test func csvHasOneLinePerFrameThatRoundTrips() {
        let text = String(decoding: FeatureFileFormat.csv.encode(Self.matrix), as: UTF8.self)
        let lines = text.split(separator: "\n")
        #expect(lines.count == 3)
        #expect(lines.flatMap { $0.split(separator: ",").compactMap { Float(String($0)) } } == Self.matrix.values)
    }
}
