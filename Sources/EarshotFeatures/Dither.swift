import Foundation

/// Seeded Gaussian dither. The noise of frame t is drawn from a generator seeded with
/// (seed, t) alone, so it does not depend on how the signal was chunked or on other frames.
struct Dither {
    let standardDeviation: Float
    let seed: UInt64

    /// SplitMix64 (as `EarshotNN.SplitMix64`, which this target cannot see), seeded per frame.
    private struct FrameGenerator: RandomNumberGenerator {
        var state: UInt64

        @inline(__always)
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    /// frame[j] += σ · N(0, 1), two at a time (`StandardNormal.pair`).
    func add(to frame: UnsafeMutablePointer<Float>, count: Int, frameIndex: Int) {
        var generator = FrameGenerator(state: seed ^ (UInt64(bitPattern: Int64(frameIndex)) &* 0xD1B5_4A32_D192_ED03))
        var j = 0
        while j < count {
            let (a, b) = StandardNormal.pair(standardDeviation: standardDeviation, using: &generator)
            frame[j] += a
            if j + 1 < count { frame[j + 1] += b }
            j += 2
        }
    }
}
