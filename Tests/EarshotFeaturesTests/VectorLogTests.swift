import Foundation
import Testing

@testable import EarshotFeatures

struct VectorLogTests {
    @Test func matchesDoubleLogWithinTwoUlps() {
        // About FLT_EPSILON up to 1e12 (mel energies' range), log-spaced, plus powers of two and √2 edges.
        var values = (0..<4000).map { Float(pow(10, -6.93 + 18.9 * Double($0) / 4000)) }
        values += [1, 2, 0.5, 1.414_213_5, 1.414_213_7, 0.707_106_7, .ulpOfOne, 32768 * 32768]
        values += Array(repeating: 1, count: (8 - values.count % 8) % 8)
        var logs = values
        logs.withUnsafeMutableBufferPointer { VectorLog.floorAndLogPadded($0.baseAddress!, $0.count) }
        for (x, y) in zip(values, logs) {
            let exact = Foundation.log(Double(max(x, .ulpOfOne)))
            #expect(abs(Double(y) - exact) <= 2 * Double(Float(exact).ulp) + 1e-9, "ln \(x)")
        }
    }

    @Test func floorsAtFloatEpsilon() {
        var values: [Float] = [0, 1e-30, -5, .ulpOfOne / 2, 1, 1, 1, 1]
        values.withUnsafeMutableBufferPointer { VectorLog.floorAndLogPadded($0.baseAddress!, 8) }
        #expect(values[0..<4].allSatisfy { abs($0 - Float(Foundation.log(Double(Float.ulpOfOne)))) < 1e-6 })
    }
}
