import Foundation
import Testing
import Earshot
@testable import EarshotTraining

@Suite struct TrainingControlTests {
    @Test func learningRateWarmsUpThenDecays() {
        let schedule = LearningRateSchedule(baseRate: 1e-3, warmupSteps: 10, decayPerEpoch: 0.5)
        #expect(abs(schedule.rate(step: 0, epoch: 1) - 1e-4) < 1e-12)
        #expect(abs(schedule.rate(step: 4, epoch: 1) - 5e-4) < 1e-12)
        #expect(schedule.rate(step: 9, epoch: 1) == 1e-3)
        #expect(schedule.rate(step: 50, epoch: 1) == 1e-3)
        #expect(abs(schedule.rate(step: 50, epoch: 3) - 2.5e-4) < 1e-12)
        #expect(LearningRateSchedule(baseRate: 0.01, warmupSteps: 0, decayPerEpoch: 1).rate(step: 0, epoch: 9) == 0.01)
    }

    @Test func earlyStoppingKeepsTheBestAndStopsAfterPatience() {
        var stopping = EarlyStopping(patience: 2)
        typealias S = EarlyStopping.Score
        let scores = [S(wordErrorRate: 0.5, loss: 3), S(wordErrorRate: 0.5, loss: 2), S(wordErrorRate: 0.6, loss: 1)]
        // The second has the same WER and a lower loss: better. The third has a worse WER.
        let improved = scores.enumerated().map { stopping.record(epoch: $0 + 1, score: $1) }
        #expect(improved == [true, true, false])
        #expect(!stopping.shouldStop)
        let nonFinite = stopping.record(epoch: 4, score: S(wordErrorRate: .nan, loss: .nan))
        #expect(!nonFinite)
        #expect(stopping.shouldStop && stopping.bestEpoch == 2)
        #expect(stopping.best == S(wordErrorRate: 0.5, loss: 2))
        var never = EarlyStopping(patience: 0)
        for epoch in 1...50 { _ = never.record(epoch: epoch, score: S(wordErrorRate: 1, loss: 1)) }
        #expect(!never.shouldStop && never.bestEpoch == 1)
    }

    @Test func configurationRoundTripsThroughJSON() throws {
        var configuration = TrainingConfiguration()
        configuration.seed = 12345678901234
        configuration.augmentation = .none
        let decoded = try JSONDecoder().decode(TrainingConfiguration.self, from: JSONEncoder().encode(configuration))
        #expect(decoded == configuration)
        #expect(decoded.learningRateSchedule.baseRate == configuration.learningRate)
    }

    @Test func outOfRangeSettingsAreOneLineErrors() throws {
        try TrainingConfiguration().check()
        let cases: [(WritableKeyPath<TrainingConfiguration, Int>, Int, String)] = [
            (\.hiddenSize, 0, "hiddenSize 0 is below 1"), (\.layers, 0, "layers 0 is below 1"),
            (\.epochs, -1, "epochs -1 is below 1"), (\.frameStacking, 9, "frameStacking 9 is outside 1...8"),
            (\.frameStacking, 0, "frameStacking 0 is outside 1...8"),
        ]
        for (field, value, detail) in cases {
            var configuration = TrainingConfiguration()
            configuration[keyPath: field] = value
            #expect(throws: TrainingError.invalidSetting(detail)) { try configuration.check() }
        }
        var dropout = TrainingConfiguration()
        dropout.dropout = 1
        #expect(throws: TrainingError.invalidSetting("dropout 1.0 is outside [0, 1)")) { try dropout.check() }
        var penalty = TrainingConfiguration()
        penalty.confidencePenalty = -0.1
        #expect(throws: TrainingError.invalidSetting("warmupSteps, maxGradientNorm, patience, anchorStrength and confidencePenalty must be 0 or more")) {
            try penalty.check()
        }
    }
}
