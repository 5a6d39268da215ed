import Foundation

/// The files a training run writes beside the model: `digits.safetensors` (the best model),
/// `digits.checkpoint.safetensors` (the state `--resume` continues from), `digits.curve.svg`
/// (loss and dev WER per epoch) and `digits.training.json` (the summary).
public struct TrainingOutputs: Codable, Sendable, Equatable {
    public var model: URL
    public var checkpoint: URL
    public var curve: URL
    public var summary: URL

    public init(model: URL) {
        self.model = model
        let stem = model.deletingPathExtension()
        checkpoint = stem.appendingPathExtension("checkpoint.safetensors")
        curve = stem.appendingPathExtension("curve.svg")
        summary = stem.appendingPathExtension("training.json")
    }
}
