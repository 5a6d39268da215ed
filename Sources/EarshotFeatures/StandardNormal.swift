import Foundation

/// Gaussian numbers two at a time by Marsaglia's polar method: draw (u, v) uniformly in the unit
/// disc (s = u² + v² in (0, 1), by rejection), then u·m and v·m with m = √(−2 ln s / s) are two
/// independent standard normals. One logf per pair and no sin/cos (Box–Muller's trigonometry in
/// Double was a seventh of an augmented training epoch when dither used it).
public enum StandardNormal {
    /// Two independent draws from N(0, σ²), from `generator`'s 64-bit values (24 bits each).
    @inlinable @inline(__always)
    public static func pair(standardDeviation σ: Float = 1, using generator: inout some RandomNumberGenerator) -> (Float, Float) {
        var u: Float, v: Float, s: Float
        repeat {
            u = symmetricUniform(&generator)
            v = symmetricUniform(&generator)
            s = u * u + v * v
        } while s >= 1 || s == 0
        let scale = σ * (-2 * logf(s) / s).squareRoot()
        return (u * scale, v * scale)
    }

    /// A uniform Float in (−1, 1), from the top 24 bits of one draw.
    @inlinable @inline(__always)
    static func symmetricUniform(_ generator: inout some RandomNumberGenerator) -> Float {
        Float(generator.next() >> 40) * 0x1p-23 - 1
    }
}
