/// Natural logarithm of 8 floats at once (Cephes `logf`: x = m·2^e with m in [√½, √2),
/// ln x = e·ln 2 + ln m, ln(1 + f) by a degree-9 polynomial; ≈ 1 ulp on normal numbers).
/// Inputs must be positive and normal: the featurizer floors them at FLT_EPSILON first.
enum VectorLog {
    @inline(__always)
    static func log(_ x: SIMD8<Float>) -> SIMD8<Float> {
        let bits = unsafeBitCast(x, to: SIMD8<UInt32>.self)
        var exponent = SIMD8<Float>(SIMD8<Int32>(truncatingIfNeeded: bits &>> 23) &- 127)
        var m = unsafeBitCast((bits & 0x007F_FFFF) | 0x3F80_0000, to: SIMD8<Float>.self)  // [1, 2)
        let large = m .> 1.414_213_56
        m.replace(with: m * 0.5, where: large)
        exponent.replace(with: exponent + 1, where: large)
        let f = m - 1
        let z = f * f
        var p: SIMD8<Float> = SIMD8(repeating: 7.037_683_629_2e-2)
        p = p * f - 1.151_461_031_0e-1
        p = p * f + 1.167_699_874_0e-1
        p = p * f - 1.242_014_084_6e-1
        p = p * f + 1.424_932_278_7e-1
        p = p * f - 1.666_805_766_5e-1
        p = p * f + 2.000_071_476_5e-1
        p = p * f - 2.499_999_399_3e-1
        p = p * f + 3.333_333_117_4e-1
        var y = p * f * z
        y += exponent * -2.121_944_40e-4
        y -= 0.5 * z
        return f + y + exponent * 0.693_359_375
    }

    /// p[i] = ln(max(p[i], FLT_EPSILON)) for i < count, 8 at a time (count rounded up to a
    /// multiple of 8: the buffer must hold that many finite values).
    @inline(__always)
    static func floorAndLogPadded(_ p: UnsafeMutablePointer<Float>, _ count: Int) {
        let floor = SIMD8<Float>(repeating: .ulpOfOne)
        var i = 0
        while i < count {
            let raw = UnsafeMutableRawPointer(p + i)
            let x = raw.loadUnaligned(as: SIMD8<Float>.self)
            raw.storeBytes(of: log(x.replacing(with: floor, where: x .< floor)), as: SIMD8<Float>.self)
            i += 8
        }
    }
}
