import EarshotTestSupport
import Testing

@testable import EarshotNN

@Suite struct WeightAverageTests {
    /// θ̄ ← β_t·θ̄ + (1 − β_t)·θ with β_t = min(β, (1 + t) / (10 + t)), against the same sums in Double.
    @Test func followsTheMovingAverageWithItsEarlyDecay() throws {
        var rng = SplitMix64(seed: 31)
        let initial = randomValues(16, rng: &rng)
        var average = try #require(WeightAverage(decay: 0.5, values: initial))
        var expected = initial.map(Double.init)
        for t in 0..<6 {
            let beta = min(0.5, Double(1 + t) / Double(10 + t))
            #expect(abs(Double(average.nextDecay) - beta) < 1e-7)
            let parameters = randomValues(16, rng: &rng)
            average.update(with: parameters)
            expected = zip(expected, parameters).map { beta * $0 + (1 - beta) * Double($1) }
        }
        #expect(average.updates == 6)
        for (a, e) in zip(average.values, expected) { #expect(abs(Double(a) - e) <= 1e-6) }
    }

    @Test func weightsThatStayPutAreTheirOwnAverage() throws {
        var rng = SplitMix64(seed: 32)
        let parameters = randomValues(8, rng: &rng)
        var average = try #require(WeightAverage(decay: 0.999, values: parameters, updates: 500))
        for _ in 0..<3 { average.update(with: parameters) }
        for (a, p) in zip(average.values, parameters) { #expect(abs(a - p) <= 1e-6 * max(abs(p), 1)) }
    }

    @Test func aDecayOutsideZeroToOneIsRefused() {
        #expect(WeightAverage(decay: 1, values: [0]) == nil)
        #expect(WeightAverage(decay: -0.1, values: [0]) == nil)
        #expect(WeightAverage(decay: 0.9, values: [0], updates: -1) == nil)
        #expect(WeightAverage(decay: 0, values: [0]) != nil)
    }
}
