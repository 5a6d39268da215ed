import Testing

@testable import EarshotFeatures

struct FFTConvolutionTests {
    /// (x ∗ h)[t] = Σ_k x[k] h[t − k], summed directly in Double.
    static func direct(_ x: [Float], _ h: [Float], count: Int) -> [Float] {
        var y = [Double](repeating: 0, count: count)
        for t in 0..<count {
            for k in 0..<x.count where t - k >= 0 && t - k < h.count {
                y[t] += Double(x[k]) * Double(h[t - k])
            }
        }
        return y.map { Float($0) }
    }

    /// Against the direct sum for short and long kernels, kept shorter than, equal to and longer
    /// than the full convolution (zeros past its end).
    @Test(arguments: [(1, 1, 1), (100, 37, 136), (100, 37, 60), (5, 300, 320), (257, 256, 512)])
    func matchesTheDirectSum(xCount: Int, hCount: Int, count: Int) {
        var generator = TestSignals.Generator(state: UInt64(xCount * 1000 + hCount))
        let x = (0..<xCount).map { _ in Float.random(in: -1...1, using: &generator) }
        let h = (0..<hCount).map { _ in Float.random(in: -1...1, using: &generator) }
        let fast = FFTConvolution.convolve(x, h, count: count)
        let exact = Self.direct(x, h, count: count)
        #expect(fast.count == count)
        let worst = zip(fast, exact).map { abs($0 - $1) }.max() ?? 0
        #expect(worst < 1e-4, "max |diff| \(worst)")
        #expect(FFTConvolution.convolve([], h, count: 3) == [0, 0, 0])
    }
}
