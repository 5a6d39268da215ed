import EarshotFeatures
import Testing

@Suite struct StandardNormalTests {
    /// A seeded generator for the test (xorshift64*).
    struct XorShift: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state ^= state >> 12
            state ^= state << 25
            state ^= state >> 27
            return state &* 0x2545_F491_4F6C_DD1D
        }
    }

    /// 200,000 pairs: mean 0, standard deviation σ, the normal's tails (4.55 % beyond 2σ, 0.27 %
    /// beyond 3σ) and no correlation between the two halves of a pair, each within a few standard
    /// errors of the estimate.
    @Test func pairsAreIndependentNormalsOfTheAskedDeviation() {
        var generator = XorShift(state: 42)
        let (count, sigma) = (200_000, Float(2.5))
        var (sum, squares, product, beyond2, beyond3) = (0.0, 0.0, 0.0, 0, 0)
        for _ in 0..<count {
            let (a, b) = StandardNormal.pair(standardDeviation: sigma, using: &generator)
            for x in [Double(a), Double(b)] {
                sum += x
                squares += x * x
                if abs(x) > 2 * Double(sigma) { beyond2 += 1 }
                if abs(x) > 3 * Double(sigma) { beyond3 += 1 }
            }
            product += Double(a) * Double(b)
        }
        let n = Double(2 * count)
        let mean = sum / n, deviation = (squares / n - mean * mean).squareRoot()
        #expect(abs(mean) < 0.02 && abs(deviation - Double(sigma)) < 0.02, "mean \(mean), deviation \(deviation)")
        #expect(abs(Double(beyond2) / n - 0.0455) < 0.002 && abs(Double(beyond3) / n - 0.0027) < 0.0005)
        #expect(abs(product / Double(count)) / Double(sigma * sigma) < 0.01, "correlation of a pair")
    }
}
