import Foundation
import Testing

@testable import EarshotNN

@Suite struct FastMathTests {
    /// Against the C library on a dense grid over the gates' whole useful range and beyond.
    @Test func matchesTheCLibrary() {
        var worstExp: Double = 0, worstSigmoid: Double = 0, worstTanh: Double = 0
        for i in -40_000...40_000 {
            let x = Float(i) * 0.0025  // −100 … 100
            if abs(x) < 80 { worstExp = max(worstExp, abs(Double(fastExp(x)) / exp(Double(x)) - 1)) }
            worstSigmoid = max(worstSigmoid, abs(Double(fastSigmoid(x)) - 1 / (1 + exp(-Double(x)))))
            worstTanh = max(worstTanh, abs(Double(fastTanh(x)) - tanh(Double(x))))
        }
        #expect(worstExp < 5e-7, "relative exp error \(worstExp)")
        #expect(worstSigmoid < 5e-7, "sigmoid error \(worstSigmoid)")
        #expect(worstTanh < 5e-7, "tanh error \(worstTanh)")
        #expect(fastExp(-200) == 0 && fastExp(-200) < 1e-37 && fastExp(200).isFinite)
    }
}
