import Earshot
import EarshotFeatures
import EarshotNN
import EarshotTestSupport
import Foundation

/// Small random-weights models for tests, built through the public API.
enum TestModels {
    static let digits = ["<blank>", "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"]

    /// An 8 kHz, 13-cepstra MFCC model with global CMVN (statistics of `cmvnSamples`) and a small BiGRU.
    /// With `frameStacking` k the network reads k frames (13·k inputs) per step.
    static func config(vocabulary: [String] = digits, hiddenSize: Int = 8, frameStacking: Int = 1) -> ModelConfig {
        var mfcc = MfccOptions()
        mfcc.frame.sampleFrequency = 8000
        let features = FeatureOptions.mfcc(mfcc)
        let stats = CMVNStats(try! Featurizer(features).compute(cmvnSamples))
        return ModelConfig(
            sampleRate: 8000, features: features, cmvn: CMVNConfig(mode: .global, stats: stats),
            frameStacking: frameStacking, vocabulary: vocabulary,
            network: NetworkConfig(inputSize: 13 * frameStacking, hiddenSize: hiddenSize, numLayers: 2, numClasses: vocabulary.count),
            provenance: Provenance(dataset: "random", recipe: "TestModels", epochs: 0))
    }

    static func model(seed: UInt64 = 1, frameStacking: Int = 1) -> Model {
        Model(config: config(frameStacking: frameStacking), seed: seed)
    }

    /// Half a second of a chirp, deterministic.
    static let cmvnSamples: [Float] = (0..<4000).map { i in
        let t = Float(i) / 8000
        return 0.3 * sin(2 * .pi * (200 + 800 * t) * t)
    }

    /// `model` saved into a fresh temporary directory; returns the file's URL.
    static func saved(_ model: Model) throws -> URL {
        let url = try Fixtures.temporaryDirectory().appendingPathComponent("model.safetensors")
        try model.save(to: url)
        return url
    }
}

extension FrameExtractionOptions {
    /// Kaldi's framing at 8 kHz: 80-sample (10 ms) shift, 200-sample (25 ms) frames.
    static func eightKilohertz(snipEdges: Bool = true) -> FrameExtractionOptions {
        var options = FrameExtractionOptions()
        (options.sampleFrequency, options.snipEdges) = (8000, snipEdges)
        return options
    }
}
