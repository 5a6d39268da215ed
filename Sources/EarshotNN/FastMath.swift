/// Branch-free exp, sigmoid and tanh that the compiler vectorises over the GRU's gate rows
/// (glibc's `expf`/`tanhf` are scalar calls and dominated the gate loop; on short scalar loops,
/// such as CTC's, glibc is faster). exp is Cephes' `expf`: exp(x) = 2ⁿ · p(r) with
/// n = round(x / ln 2), r = x − n ln 2 and a degree-6 polynomial, relative error ≈ 2e-7, exactly 0
/// below −87.3; tanh and sigmoid built on it have absolute error ≈ 2e-7.
@inline(__always)
func fastExp(_ x: Float) -> Float {
    let clamped = min(max(x, -87.3), 88.3)
    // n = round(x / ln 2) by the 1.5·2²³ trick (vectorises, unlike rintf); its low bits hold n
    let shifted = clamped * 1.442_695_04 + 12_582_912
    let n = shifted - 12_582_912
    // r = x − n ln 2, with ln 2 split in two for precision
    let r = clamped - n * 0.693_359_375 + n * 2.121_944_4e-4
    var p: Float = 1.987_569_15e-4
    p = p * r + 1.398_199_95e-3
    p = p * r + 8.333_451_9e-3
    p = p * r + 4.166_579_59e-2
    p = p * r + 1.666_666_55e-1
    p = p * r + 5.000_000_12e-1
    p = p * r * r + r + 1
    // 2ⁿ from the exponent bits
    let result = p * Float(bitPattern: (shifted.bitPattern &- 0x4B40_0000 &+ 127) << 23)
    return x < -87.3 ? 0 : result
}

/// σ(x) = 1 / (1 + e^{−x})
@inline(__always)
func fastSigmoid(_ x: Float) -> Float { 1 / (1 + fastExp(-x)) }

/// tanh(x) = 1 − 2 / (e^{2x} + 1)
@inline(__always)
func fastTanh(_ x: Float) -> Float { 1 - 2 / (fastExp(2 * x) + 1) }
