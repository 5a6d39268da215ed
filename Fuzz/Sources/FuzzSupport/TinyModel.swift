import Earshot
import EarshotFeatures
import EarshotNN

/// A random 8 kHz model with one small bidirectional layer, three symbols and global CMVN: the
/// smallest model the streaming code accepts, so fuzzing spends its time on the input.
public let tinyModel: Model = {
    var mfcc = MfccOptions()
    mfcc.frame.sampleFrequency = 8000
    let vocabulary = ["<blank>", "yes", "no"]
    let stats = CMVNStats(FeatureMatrix(frames: 1, dims: 13, values: [Float](repeating: 0, count: 13)))
    let config = ModelConfig(
        sampleRate: 8000, features: .mfcc(mfcc), cmvn: CMVNConfig(mode: .global, stats: stats), vocabulary: vocabulary,
        network: NetworkConfig(inputSize: 13, hiddenSize: 4, numLayers: 1, numClasses: vocabulary.count))
    return Model(config: config, seed: 1)
}()
