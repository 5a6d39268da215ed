import Foundation
import Testing

@testable import EarshotFeatures

struct CMVNTests {
    static func features(seed: UInt64, frames: Int) throws -> FeatureMatrix {
        var mfcc = MfccOptions()
        mfcc.frame.sampleFrequency = 8000
        return try Featurizer(.mfcc(mfcc)).compute(TestSignals.toneAndNoise(count: 80 * frames + 120, seed: seed))
    }

    static func columnMoments(_ m: FeatureMatrix) -> (mean: [Double], variance: [Double]) {
        let n = Double(m.frames)
        let mean = (0..<m.dims).map { d in (0..<m.frames).map { Double(m.values[$0 * m.dims + d]) }.reduce(0, +) / n }
        let variance = (0..<m.dims).map { d in
            (0..<m.frames).map { pow(Double(m.values[$0 * m.dims + d]) - mean[d], 2) }.reduce(0, +) / n
        }
        return (mean, variance)
    }

    @Test func utteranceMeanIsRemoved() throws {
        let m = try Self.features(seed: 3, frames: 50)
        let normalised = CMVNMode.utterance.apply(to: m)
        let (mean, variance) = Self.columnMoments(normalised)
        #expect(mean.allSatisfy { abs($0) < 1e-4 })
        // Mean removal leaves the variance alone.
        for (a, b) in zip(variance, Self.columnMoments(m).variance) { #expect(abs(a - b) <= 1e-3 * b) }
    }

    @Test func utteranceVarianceIsOne() throws {
        let normalised = CMVNMode.utteranceVariance.apply(to: try Self.features(seed: 4, frames: 50))
        let (mean, variance) = Self.columnMoments(normalised)
        #expect(mean.allSatisfy { abs($0) < 1e-4 })
        #expect(variance.allSatisfy { abs($0 - 1) < 1e-4 })
    }

    @Test func globalStatsEqualStatsOfConcatenation() throws {
        let a = try Self.features(seed: 5, frames: 30), b = try Self.features(seed: 6, frames: 20)
        var accumulated = CMVNStats(dims: a.dims)
        accumulated.accumulate(a)
        accumulated.accumulate(b)
        var merged = CMVNStats(a)
        merged.merge(CMVNStats(b))
        var joined = a
        joined.append(b)
        let direct = Self.columnMoments(joined)
        #expect(accumulated.count == 50 && merged.count == 50)
        for d in 0..<a.dims {
            #expect(abs(merged.sum[d] - accumulated.sum[d]) <= 1e-9 * max(1, abs(accumulated.sum[d])))
            #expect(abs(accumulated.mean[d] - direct.mean[d]) <= 1e-9 * max(1, abs(direct.mean[d])))
            #expect(abs(accumulated.variance[d] - direct.variance[d]) <= 1e-6 * direct.variance[d])
        }
        // Applying global stats to one utterance removes the global mean, not its own.
        let shifted = accumulated.apply(to: a)
        let ownMean = Self.columnMoments(a).mean
        for d in 0..<a.dims {
            #expect(abs(Double(shifted.values[d]) - (Double(a.values[d]) - accumulated.mean[d])) < 1e-4)
            #expect(abs(Self.columnMoments(shifted).mean[d] - (ownMean[d] - accumulated.mean[d])) < 1e-4)
        }
    }

    @Test func statsRoundTripThroughJSON() throws {
        let stats = CMVNStats(try Self.features(seed: 8, frames: 10))
        let decoded = try JSONDecoder().decode(CMVNStats.self, from: JSONEncoder().encode(stats))
        #expect(decoded == stats)
    }

    @Test func constantColumnDoesNotDivideByZero() {
        let m = FeatureMatrix(frames: 3, dims: 2, values: [1, 5, 2, 5, 3, 5])
        let normalised = CMVNStats(m).apply(to: m, normalizeVariance: true)
        #expect(normalised.values.allSatisfy { $0.isFinite })
        #expect(normalised.values[1] == 0 && normalised.values[3] == 0)
    }
}
