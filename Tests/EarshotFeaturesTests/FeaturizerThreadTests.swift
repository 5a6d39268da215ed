import Testing

@testable import EarshotFeatures

struct FeaturizerThreadTests {
    /// Featurizers created and run concurrently (plans made under the planner lock, executed
    /// on their own arrays) give the same values as one featurizer used serially.
    @Test func oneFeaturizerPerTaskMatchesSerial() async throws {
        var mfcc = MfccOptions()
        mfcc.frame.sampleFrequency = 8000
        let options = FeatureOptions.mfcc(mfcc)
        let names = ["0_jackson_5", "7_nicolas_20", "9_yweweler_49"]
        let signals = try names.map { try TestSignals.fsdd($0) }
        let serialFeaturizer = try Featurizer(options)
        let serial = signals.map { serialFeaturizer.compute($0) }
        let concurrent = try await withThrowingTaskGroup(of: (Int, FeatureMatrix).self) { group in
            for task in 0..<12 {
                group.addTask {
                    let featurizer = try Featurizer(options)
                    return (task, featurizer.compute(signals[task % signals.count]))
                }
            }
            return try await group.reduce(into: [:]) { $0[$1.0] = $1.1 }
        }
        for (task, features) in concurrent { #expect(features == serial[task % signals.count]) }
        #expect(concurrent.count == 12)
    }
}
