import EarshotTestSupport
import Foundation
import Testing

@testable import EarshotNN

/// `Tests/Fixtures/golden/ctc/ctc.json`: PyTorch's `ctc_loss` on three cases (repeats, an impossible
/// sample, exactly feasible targets), every reduction, with and without `zeroInfinity`.
@Suite struct GoldenCTCTests {
    static let caseNames = ["main", "impossible", "tight"]

    struct Case {
        let object: [String: Any]
        let logProbs: Tensor
        let inputLengths: [Int]
        let targets: [[Int]]

        init(_ name: String) throws {
            let golden = try GoldenJSON.load("ctc/ctc.json")
            let cases = try #require(golden["cases"] as? [[String: Any]])
            object = try #require(cases.first { $0["name"] as? String == name })
            let lp = try GoldenTensor(try #require(object["log_probs"]))
            logProbs = Tensor(shape: lp.shape, data: lp.data)
            inputLengths = try #require(object["input_lengths"] as? [Int])
            targets = try #require(object["targets"] as? [[Int]])
        }

        func expected(_ key: String, zeroInfinity: Bool) throws -> Any {
            let group = try #require(object[zeroInfinity ? "zero_infinity_true" : "zero_infinity_false"] as? [String: Any])
            return try #require(group[key])
        }

        func compute(_ reduction: CTCLoss.Reduction, zeroInfinity: Bool, threads: Int = 1) -> CTCLoss.Output {
            CTCLoss.compute(logProbs: logProbs, inputLengths: inputLengths, targets: targets, reduction: reduction,
                            zeroInfinity: zeroInfinity, threads: threads)
        }
    }

    static func lossMatches(_ actual: Float, _ expected: Float) -> Bool {
        worstToleranceExcess([actual], [expected], atol: 1e-4, rtol: 1e-5) == 0
    }

    @Test(arguments: caseNames, [false, true]) func lossesMatchPyTorch(name: String, zeroInfinity: Bool) throws {
        let c = try Case(name)
        let none = c.compute(.none, zeroInfinity: zeroInfinity)
        let expectedNone = try GoldenTensor(try c.expected("loss_none", zeroInfinity: zeroInfinity)).data
        #expect(worstToleranceExcess(none.losses, expectedNone, atol: 1e-4, rtol: 1e-5) == 0)
        let mean = c.compute(.mean, zeroInfinity: zeroInfinity).loss
        #expect(Self.lossMatches(mean, try GoldenJSON.float(try c.expected("loss_mean", zeroInfinity: zeroInfinity))))
        let sum = c.compute(.sum, zeroInfinity: zeroInfinity).loss
        #expect(Self.lossMatches(sum, try GoldenJSON.float(try c.expected("loss_sum", zeroInfinity: zeroInfinity))))
    }

    @Test(arguments: caseNames, [false, true]) func gradientsMatchPyTorch(name: String, zeroInfinity: Bool) throws {
        let c = try Case(name)
        for threads in [1, 2] {
            let output = c.compute(.sum, zeroInfinity: zeroInfinity, threads: threads)
            let expectedLogits = try GoldenTensor(try c.expected("grad_logits_sum", zeroInfinity: zeroInfinity)).data
            #expect(worstToleranceExcess(output.gradLogits.data, expectedLogits, atol: 2e-5, rtol: 0) == 0)
            // PyTorch's log-prob gradient is exp(log_probs) − γ; ours is the true derivative −γ.
            let torch = try GoldenTensor(try c.expected("grad_log_probs_sum_torch", zeroInfinity: zeroInfinity)).data
            let shifted = zip(output.gradLogProbs.data, c.logProbs.data).map { $0 + expf($1) }
            let (steps, batch, classes) = (c.logProbs.shape[0], c.logProbs.shape[1], c.logProbs.shape[2])
            let impossible = c.compute(.none, zeroInfinity: false).losses.map(\.isInfinite)
            for t in 0..<steps {
                for b in 0..<batch {
                    let row = (t * batch + b) * classes..<(t * batch + b + 1) * classes
                    if t >= c.inputLengths[b] || (zeroInfinity && impossible[b]) {
                        #expect(output.gradLogProbs.data[row].allSatisfy { $0 == 0 }, "t=\(t) b=\(b) is exactly 0")
                        #expect(output.gradLogits.data[row].allSatisfy { $0 == 0 }, "t=\(t) b=\(b) is exactly 0")
                        #expect(torch[row].allSatisfy { $0 == 0 })
                    } else {
                        #expect(worstToleranceExcess(Array(shifted[row]), Array(torch[row]), atol: 2e-5, rtol: 0) == 0)
                    }
                }
            }
        }
    }

    /// Against the independent float64 reference: the true derivative −γ from finite differences,
    /// and the losses of a plain alpha recursion.
    @Test(arguments: caseNames) func gradientMatchesFloat64Derivative(name: String) throws {
        let c = try Case(name)
        let check = try #require(c.object["check_float64"] as? [String: Any])
        let trueGradient = try GoldenTensor(try #require(check["grad_log_probs_sum_true"])).data
        let output = c.compute(.sum, zeroInfinity: false)
        // Valid frames only: the reference marks an impossible sample NaN at its padded frames too.
        let (batch, classes) = (c.logProbs.shape[1], c.logProbs.shape[2])
        let valid = output.gradLogProbs.data.indices.filter { $0 / classes / batch < c.inputLengths[$0 / classes % batch] }
        let actual = valid.map { output.gradLogProbs.data[$0] }, expected = valid.map { trueGradient[$0] }
        #expect(worstToleranceExcess(actual, expected, atol: 2e-5, rtol: 0) == 0)
        let numpyLosses = try GoldenJSON.flatFloats(try #require(check["loss_none_numpy"]))
        #expect(worstToleranceExcess(output.losses, numpyLosses, atol: 1e-4, rtol: 1e-5) == 0)
    }
}
