import EarshotTestSupport
import Foundation
import Testing

import Earshot
@testable import EarshotTraining

/// The training configuration and augmentation options stored in checkpoints and training
/// summaries decode with their defaults for missing fields, so fields added later keep older
/// checkpoints loading.
@Suite struct StoredConfigurationTests {
    /// Every field of `T()` changed by `change`; fails when one is left at its default.
    func changed<T: Codable & Equatable>(_ defaults: T, _ change: (inout T) -> Void) throws -> T {
        var value = defaults
        change(&value)
        #expect(StoredOptions.unchangedFields(value, comparedWith: defaults) == [], "\(T.self)")
        #expect(try StoredOptions.roundTrip(value) == value, "\(T.self)")
        #expect(try StoredOptions.decode(T.self, json: "{}") == defaults, "\(T.self)")
        return value
    }

    @Test func everyAugmentationFieldIsReadAndMissingOnesTakeTheDefaults() throws {
        _ = try changed(SpeedPerturbation.Options()) { ($0.probability, $0.minFactor, $0.maxFactor) = (1, 0.8, 1.3) }
        _ = try changed(GainPerturbation.Options()) { ($0.probability, $0.minDecibels, $0.maxDecibels) = (1, -3, 3) }
        _ = try changed(TimeShift.Options()) { ($0.probability, $0.maxSeconds) = (1, 0.2) }
        _ = try changed(AdditiveNoise.Options()) {
            ($0.probability, $0.minSNR, $0.maxSNR, $0.color, $0.recordings) = (1, 0, 20, .white, ["noise.wav"])
        }
        _ = try changed(SpecAugment.Options()) {
            ($0.probability, $0.timeMasks, $0.maxTimeWidth, $0.maxTimeFraction) = (1, 1, 9, 0.5)
            ($0.frequencyMasks, $0.maxFrequencyWidth) = (1, 5)
        }
        _ = try changed(ClipConcatenation.Options()) {
            ($0.probability, $0.minClips, $0.maxClips, $0.minSilence, $0.maxSilence) = (1, 3, 4, 0.2, 0.5)
        }
        _ = try changed(NoiseOnlyItems.Options()) {
            ($0.probability, $0.minSeconds, $0.maxSeconds, $0.minDecibels, $0.maxDecibels) = (1, 1, 2, -50, -30)
        }
        _ = try changed(TelephoneBand.Options()) { ($0.probability, $0.rate) = (1, 4000) }
        _ = try changed(RoomReverb.Options()) {
            ($0.probability, $0.minRT60, $0.maxRT60, $0.minDRR, $0.maxDRR) = (1, 0.3, 0.5, -3, 6)
        }
        _ = try changed(VocalTractLengthPerturbation.Options()) { ($0.probability, $0.minFactor, $0.maxFactor) = (1, 0.85, 1.2) }
        // AugmentationOptions: `{}` predates `noiseOnly`, so that one loads off (see AugmentationTests)
        var augmentation = AugmentationOptions.none
        augmentation.noise.color = .white
        augmentation.telephoneBand.rate = 4000  // its default chance is already 0, as reverb's and VTLP's are
        augmentation.reverb.maxRT60 = 0.5
        augmentation.vocalTractLength.maxFactor = 1.2
        #expect(StoredOptions.unchangedFields(augmentation, comparedWith: AugmentationOptions()) == [])
        #expect(try StoredOptions.roundTrip(augmentation) == augmentation)
        let partial = try StoredOptions.decode(AugmentationOptions.self, json: #"{"noiseOnly": {}, "speed": {"probability": 0}}"#)
        var expected = AugmentationOptions()
        expected.speed.probability = 0
        #expect(partial == expected)
    }

    @Test func everyConfigurationFieldIsReadAndMissingOnesTakeTheDefaults() throws {
        _ = try changed(TrainingConfiguration()) {
            ($0.epochs, $0.batchSize, $0.learningRate, $0.warmupSteps, $0.decayPerEpoch) = (3, 8, 0.01, 0, 0.5)
            ($0.maxGradientNorm, $0.dropout, $0.hiddenSize, $0.layers, $0.frameStacking, $0.seed) = (0, 0, 64, 3, 2, 9)
            ($0.patience, $0.threads, $0.parallelism, $0.maxConsecutiveNonFinite) = (0, 1, .directions, 5)
            ($0.anchorStrength, $0.rehearsalDistillation, $0.weightAveraging, $0.augmentation) = (2, 0.5, 0.9, .none)
            $0.confidencePenalty = 0.2
        }
    }

    /// A checkpoint whose stored configuration has only some fields resumes with the defaults for the rest.
    @Test func checkpointWithAnOlderConfigurationLoads() throws {
        let url = try Fixtures.temporaryDirectory().appendingPathComponent("c.checkpoint.safetensors")
        defer { try? FileManager.default.removeItem(at: url.deletingLastPathComponent()) }
        try TrainingCheckpointTests().checkpoint(steps: 1).write(to: url)
        try editState(of: url) { $0["configuration"] = ["epochs": 7] }
        var expected = TrainingConfiguration()
        expected.epochs = 7
        #expect(try TrainingCheckpoint(contentsOf: url).configuration == expected)
    }

    @Test func checkpointWithoutARequiredFieldNamesIt() throws {
        let url = try Fixtures.temporaryDirectory().appendingPathComponent("c.checkpoint.safetensors")
        defer { try? FileManager.default.removeItem(at: url.deletingLastPathComponent()) }
        try TrainingCheckpointTests().checkpoint(steps: 1).write(to: url)
        try editState(of: url) { $0["vocabulary"] = nil }
        let expected = TrainingError.unreadableCheckpoint(path: url.path, reason: "missing field 'vocabulary'")
        #expect(throws: expected) { try TrainingCheckpoint(contentsOf: url) }
        #expect(expected.description == "\(url.path): unreadable training checkpoint: missing field 'vocabulary'")
    }

    /// Rewrites the training state JSON of the checkpoint at `url`.
    func editState(of url: URL, _ change: (inout [String: Any]) -> Void) throws {
        var file = try SafeTensorsFile(contentsOf: url)
        let text = try #require(file.metadata[TrainingCheckpoint.metadataKey])
        var state = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        change(&state)
        file.metadata[TrainingCheckpoint.metadataKey] = String(
            decoding: try JSONSerialization.data(withJSONObject: state), as: UTF8.self)
        try file.write(to: url)
    }
}
