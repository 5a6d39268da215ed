import Foundation

/// Seeded Gaussian dither. The noise of frame t is drawn from a generator seeded with
/// (seed, t) alone, so it does not depend on how the signal was chunked or on other frames.
struct Dither {
    let standardDeviation: Float
    let seed: UInt64

    /// SplitMix64 step: a well-mixed 64-bit value from a counter.
    @inline(__always)
    private static func splitMix(_ state: inout UInt64) -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A uniform Float in (−1, 1), from the top 24 bits of one draw.
    @inline(__always)
    private static func symmetricUniform(_ state: inout UInt64) -> Float {
        Float(splitMix(&state) >> 40) * 0x1p-23 - 1
    }

    /// frame[j] += σ · N(0, 1), two at a time by Marsaglia's polar method: draw (u, v) uniformly in
    /// the unit disc (s = u² + v² in (0, 1)), then u·m and v·m with m = √(−2 ln s / s) are two
    /// independent standard normals. One logf per pair and no sin/cos (Box–Muller's trigonometry in
    /// Double was a seventh of an augmented training epoch).
    func add(to frame: UnsafeMutablePointer<Float>, count: Int, frameIndex: Int) {
        var state = seed ^ (UInt64(bitPattern: Int64(frameIndex)) &* 0xD1B5_4A32_D192_ED03)
        var j = 0
        while j < count {
            var u: Float, v: Float, s: Float
            repeat {
                u = Self.symmetricUniform(&state)
                v = Self.symmetricUniform(&state)
                s = u * u + v * v
            } while s >= 1 || s == 0
            let scale = standardDeviation * (-2 * logf(s) / s).squareRoot()
            frame[j] += u * scale
            if j + 1 < count { frame[j + 1] += v * scale }
            j += 2
        }
    }
}
