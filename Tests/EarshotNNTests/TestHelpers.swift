@testable import EarshotNN

/// Reorders a batch-first `[B, T, D]` buffer to time-major `[T, B, D]`.
func timeMajor(_ batchFirst: [Float], batch: Int, steps: Int, size: Int) -> [Float] {
    var result = [Float](repeating: 0, count: batchFirst.count)
    for b in 0..<batch { for t in 0..<steps { for d in 0..<size {
        result[(t * batch + b) * size + d] = batchFirst[(b * steps + t) * size + d]
    } } }
    return result
}

/// Reorders a time-major `[T, B, D]` buffer to batch-first `[B, T, D]`.
func batchFirst(_ timeMajor: [Float], batch: Int, steps: Int, size: Int) -> [Float] {
    var result = [Float](repeating: 0, count: timeMajor.count)
    for b in 0..<batch { for t in 0..<steps { for d in 0..<size {
        result[(b * steps + t) * size + d] = timeMajor[(t * batch + b) * size + d]
    } } }
    return result
}

/// Uniform values in [−scale, scale) from a seeded generator.
func randomValues(_ count: Int, scale: Float = 1, rng: inout SplitMix64) -> [Float] {
    (0..<count).map { _ in (2 * rng.nextUnitFloat() - 1) * scale }
}

/// Σ a ⊙ b in Double.
func dot(_ a: [Float], _ b: [Float]) -> Double {
    zip(a, b).reduce(0.0) { $0 + Double($1.0) * Double($1.1) }
}
