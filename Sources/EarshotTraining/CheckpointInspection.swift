import Earshot
import Foundation

/// `earshot inspect` on a training checkpoint (`NAME.checkpoint.safetensors`): where the run
/// stands and how it was configured.
public enum CheckpointInspection {
    /// The description of the checkpoint at `url`, or nil when the file is not a training checkpoint.
    public static func summary(ofFileAt url: URL) throws -> String? {
        guard try SafeTensorsFile(contentsOf: url).metadata[TrainingCheckpoint.metadataKey] != nil else { return nil }
        let checkpoint = try TrainingCheckpoint(contentsOf: url)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        let configuration = String(decoding: try encoder.encode(checkpoint.configuration), as: UTF8.self)
        let network = checkpoint.network
        let inProgress = checkpoint.batchesDone > 0 ? ", \(checkpoint.batchesDone) batches into epoch \(checkpoint.epoch)" : ""
        return """
            training checkpoint (continue with earshot train ... --resume)
            epochs done      \(checkpoint.epoch - 1) of \(checkpoint.configuration.epochs)\(inProgress)
            step             \(checkpoint.step) updates
            best epoch       \(checkpoint.earlyStopping.bestEpoch)
            vocabulary       \(checkpoint.vocabulary.count) symbols: \(checkpoint.vocabulary.words.joined(separator: " "))
            features         \(checkpoint.features.dimension) per frame at \(checkpoint.features.sampleRate) Hz
            network          \(network.numLayers) × BiGRU(\(network.hiddenSize)), input \(network.inputSize), \(network.numClasses) classes
            configuration    \(configuration)
            """
    }
}
