import Earshot
import EarshotFeatures
import EarshotNN
import Foundation

/// A hand-set model that hears loudness: one GRU unit per direction whose update gate is shut
/// (z ≈ 0, so h_t = n_t = tanh(3 · normalised C0_t)), and an output layer that says "beep" when
/// h > 0 and blank otherwise. A tone is speech, near-silence is not — what endpointing tests need,
/// without a trained model. With frame stacking by k the n gate reads the mean C0 of the k frames.
enum BeepModel {
    static let sampleRate = 8000

    /// 8 kHz MFCC with global CMVN (mean and variance) from `signal(...)`'s kind of audio.
    static func model(snipEdges: Bool = true, frameStacking k: Int = 1) throws -> Model {
        var mfcc = MfccOptions()
        mfcc.frame.sampleFrequency = Float(sampleRate)
        mfcc.frame.snipEdges = snipEdges
        let features = FeatureOptions.mfcc(mfcc)
        let stats = CMVNStats(try Featurizer(features).compute(signal([(true, 1), (false, 1)])))
        let network = NetworkConfig(inputSize: 13 * k, hiddenSize: 1, numLayers: 1, numClasses: 2)
        var parameters: [String: Tensor] = [:]
        for suffix in ["", "_reverse"] {
            var inputWeights = [Float](repeating: 0, count: 3 * 13 * k)
            for frame in 0..<k { inputWeights[2 * 13 * k + 13 * frame] = 3 / Float(k) }  // n gate reads C0
            parameters["gru.weight_ih_l0" + suffix] = Tensor(shape: [3, 13 * k], data: inputWeights)
            parameters["gru.weight_hh_l0" + suffix] = Tensor(shape: [3, 1], data: [0, 0, 0])
            parameters["gru.bias_ih_l0" + suffix] = Tensor(shape: [3], data: [0, -20, 0])  // z ≈ 0
            parameters["gru.bias_hh_l0" + suffix] = Tensor(shape: [3], data: [0, 0, 0])
        }
        parameters["fc.weight"] = Tensor(shape: [2, 2], data: [-4, -4, 4, 4])  // blank, beep
        parameters["fc.bias"] = Tensor(shape: [2], data: [0, 0])
        let config = ModelConfig(
            sampleRate: sampleRate, features: features,
            cmvn: CMVNConfig(mode: .global, normalizeVariance: true, stats: stats), frameStacking: k,
            vocabulary: [ModelConfig.blank, "beep"], network: network)
        return Model(config: config, network: try AcousticNetwork(config: network, parameters: parameters, threads: 1))
    }

    /// Segments of a 440 Hz tone (true) or faint noise (false), with their lengths in seconds.
    static func signal(_ segments: [(tone: Bool, seconds: Double)]) -> [Float] {
        var noise: UInt32 = 12345
        var samples: [Float] = []
        for (tone, seconds) in segments {
            for i in 0..<Int(seconds * Double(sampleRate)) {
                noise = noise &* 1_664_525 &+ 1_013_904_223
                let hiss = 0.001 * (Float(noise >> 8) / Float(1 << 24) - 0.5)
                samples.append(tone ? 0.3 * sin(2 * .pi * 440 * Float(i) / Float(sampleRate)) + hiss : hiss)
            }
        }
        return samples
    }
}
