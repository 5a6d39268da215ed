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

    /// A uniform Double in (0, 1].
    @inline(__always)
    private static func uniform(_ state: inout UInt64) -> Double {
        Double((splitMix(&state) >> 11) + 1) * 0x1p-53
    }

    /// frame[j] += σ · N(0, 1), Box–Muller: √(−2 ln u₁) · (cos 2πu₂, sin 2πu₂).
    func add(to frame: UnsafeMutablePointer<Float>, count: Int, frameIndex: Int) {
        var state = seed ^ (UInt64(bitPattern: Int64(frameIndex)) &* 0xD1B5_4A32_D192_ED03)
        var j = 0
        while j < count {
            let radius = (-2 * log(Self.uniform(&state))).squareRoot()
            let angle = 2 * Double.pi * Self.uniform(&state)
            frame[j] += standardDeviation * Float(radius * cos(angle))
            if j + 1 < count { frame[j + 1] += standardDeviation * Float(radius * sin(angle)) }
            j += 2
        }
    }
}
