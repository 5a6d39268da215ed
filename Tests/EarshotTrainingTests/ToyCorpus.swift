import EarshotAudio
import EarshotFeatures
import EarshotNN
import Foundation
import EarshotTestSupport
import Earshot
@testable import EarshotTraining

/// A tiny synthetic data set that a small model learns in a few epochs: three "words" that are
/// tones gliding up, down, or up and down (a steady tone has no structure in time for CTC to
/// place its label on), at 8 kHz, in a folder per word, with seeded variation in
/// length, pitch and level.
enum ToyCorpus {
    static let sampleRate = 8000
    static let words = ["fall", "rise", "wobble"]

    /// `perWord` clips of each of `words` in `directory/WORD/N.wav`, at `rate` Hz; `voice` scales
    /// every frequency and `gain` the level (another "speaker").
    static func write(
        to directory: URL, perWord: Int, seed: UInt64, words: [String] = words, rate: Int = sampleRate, voice: Double = 1,
        gain: Float = 1
    ) throws {
        var generator = SplitMix64(seed: seed)
        for word in words {
            let folder = directory.appendingPathComponent(word)
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            for index in 0..<perWord {
                let samples = clip(word, rate: rate, voice: voice, gain: gain, using: &generator)
                try WAVWriter.write(samples, sampleRate: rate, to: folder.appendingPathComponent("\(index).wav").path)
            }
        }
    }

    /// One utterance of `word`: 0.25–0.4 s of tone between 50 ms of near-silence.
    static func clip(
        _ word: String, rate sampleRate: Int = sampleRate, voice: Double = 1, gain: Float = 1, using generator: inout SplitMix64
    ) -> [Float] {
        let seconds = Double.random(in: 0.25...0.4, using: &generator)
        let detune = voice * Double.random(in: 0.95...1.05, using: &generator)
        let level = gain * Float.random(in: 0.2...0.5, using: &generator)
        let count = Int(seconds * Double(sampleRate))
        let pad = [Float](repeating: 0, count: sampleRate / 20)
        var phase = 0.0
        let tone = (0..<count).map { i -> Float in
            let progress = Double(i) / Double(count)
            let frequency = detune * (word == "rise" ? 600 + 1800 * progress : word == "fall" ? 2400 - 1800 * progress : 1500 + 700 * sin(4 * Double.pi * progress))
            phase += 2 * Double.pi * frequency / Double(sampleRate)
            let envelope = Float(sin(Double.pi * progress))
            return level * envelope * Float(sin(phase)) + Float.random(in: -0.002...0.002, using: &generator)
        }
        return pad + tone + pad
    }

    /// MFCC at 8 kHz with Kaldi's defaults.
    static var features: FeatureOptions {
        var options = MfccOptions()
        options.frame.sampleFrequency = Float(sampleRate)
        return .mfcc(options)
    }

    /// A small, quick configuration.
    static var configuration: TrainingConfiguration {
        var configuration = TrainingConfiguration()
        configuration.epochs = 12
        configuration.batchSize = 4
        configuration.learningRate = 0.02
        configuration.warmupSteps = 4
        configuration.hiddenSize = 24
        configuration.layers = 1
        configuration.dropout = 0
        configuration.patience = 0
        configuration.augmentation = .none
        return configuration
    }
}
