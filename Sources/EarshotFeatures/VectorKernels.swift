/// Reductions over float buffers in 8-wide SIMD (the compiler will not reorder a scalar float
/// sum by itself), with a scalar tail.
enum VectorKernels {
    @inline(__always)
    private static func load(_ p: UnsafePointer<Float>, _ i: Int) -> SIMD8<Float> {
        UnsafeRawPointer(p + i).loadUnaligned(as: SIMD8<Float>.self)
    }

    /// Σ p[i]
    static func sum(_ p: UnsafePointer<Float>, _ count: Int) -> Float {
        var acc = SIMD8<Float>()
        var i = 0
        while i + 8 <= count { acc += load(p, i); i += 8 }
        var total = acc.sum()
        while i < count { total += p[i]; i += 1 }
        return total
    }

    /// Σ a[i] · b[i]
    static func dot(_ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>, _ count: Int) -> Float {
        var acc = SIMD8<Float>()
        var i = 0
        while i + 8 <= count { acc += load(a, i) * load(b, i); i += 8 }
        var total = acc.sum()
        while i < count { total += a[i] * b[i]; i += 1 }
        return total
    }

    /// Σ (p[i] − mean)²
    static func sumOfSquaredDeviations(_ p: UnsafePointer<Float>, _ count: Int, from mean: Float) -> Float {
        var acc = SIMD8<Float>()
        let m = SIMD8<Float>(repeating: mean)
        var i = 0
        while i + 8 <= count {
            let d = load(p, i) - m
            acc += d * d
            i += 8
        }
        var total = acc.sum()
        while i < count { total += (p[i] - mean) * (p[i] - mean); i += 1 }
        return total
    }
}
