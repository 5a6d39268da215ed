import EarshotTestSupport
import Testing

@testable import EarshotNN

@Suite struct AnchorPenaltyTests {
    static let strength: Float = 0.7

    /// α/2 · Σ (θ − θ₀)², in Double.
    static func penalty(_ parameters: [Float], _ anchor: [Float]) -> Double {
        Double(strength) / 2 * zip(parameters, anchor).reduce(0.0) { $0 + (Double($1.0) - Double($1.1)) * (Double($1.0) - Double($1.1)) }
    }

    @Test func addsTheGradientOfTheL2SPPenalty() {
        var rng = SplitMix64(seed: 21)
        let parameters = randomValues(20, rng: &rng), anchor = randomValues(20, rng: &rng), lossGradients = randomValues(20, rng: &rng)
        var gradients = lossGradients
        let penalty = addAnchorPenalty(&gradients, parameters: parameters, anchor: anchor, strength: Self.strength)
        #expect(abs(penalty - Self.penalty(parameters, anchor)) <= 1e-9 * penalty)
        // each added term against a central difference of the penalty
        for i in parameters.indices {
            var (plus, minus) = (parameters, parameters)
            plus[i] += 1e-2
            minus[i] -= 1e-2
            let numeric = (Self.penalty(plus, anchor) - Self.penalty(minus, anchor)) / (Double(plus[i]) - Double(minus[i]))
            #expect(abs(Double(gradients[i] - lossGradients[i]) - numeric) <= 1e-5, "parameter \(i)")
        }
    }

    @Test func atTheAnchorItAddsNothing() {
        var rng = SplitMix64(seed: 22)
        let parameters = randomValues(8, rng: &rng), lossGradients = randomValues(8, rng: &rng)
        var gradients = lossGradients
        #expect(addAnchorPenalty(&gradients, parameters: parameters, anchor: parameters, strength: Self.strength) == 0)
        #expect(gradients == lossGradients)
    }
}
