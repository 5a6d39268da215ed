import EarshotAudio
import Foundation
import EarshotTestSupport

/// Deterministic inputs for the feature tests.
enum TestSignals {
    /// A small linear congruential generator, so chunkings and noise are reproducible.
    struct Generator: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return state ^ (state >> 29)
        }
    }

    /// Samples of a real FSDD recording (8 kHz).
    static func fsdd(_ name: String = "0_jackson_5") throws -> [Float] {
        try AudioReader.read(Fixtures.fsddRecordings.appendingPathComponent(name + ".wav").path).samples
    }

    /// A tone plus noise, `count` samples in [-1, 1].
    static func toneAndNoise(count: Int, seed: UInt64 = 1) -> [Float] {
        var generator = Generator(state: seed)
        return (0..<count).map { i in
            0.3 * sin(Float(i) * 0.07) + Float.random(in: -0.05...0.05, using: &generator)
        }
    }
}
