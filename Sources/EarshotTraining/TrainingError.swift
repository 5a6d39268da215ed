/// Why training cannot start or go on; each renders as one line naming the file and the problem.
public enum TrainingError: Error, CustomStringConvertible, Equatable, Sendable {
    /// `--resume` was given a file that is not an Earshot checkpoint.
    case notACheckpoint(path: String)
    /// The checkpoint's training state does not decode (a required field is missing or malformed).
    case unreadableCheckpoint(path: String, reason: String)
    /// `--resume` found no checkpoint beside the output.
    case noCheckpoint(path: String)
    /// The checkpoint was made with other data or settings than this run's.
    case checkpointMismatch(path: String, what: String)
    /// Too many batches in a row had a non-finite loss or gradient.
    case diverged(batches: Int, epoch: Int)
    /// No usable training clip was left after skipping the bad ones.
    case noTrainingData(source: String)
    /// Fine-tuning (`--init`): a setting conflicts with the model trained from, which decides the
    /// features, the CMVN statistics and the architecture.
    case baseModelConflict(model: String, detail: String)
    /// A `TrainingConfiguration` setting is out of range.
    case invalidSetting(String)

    public var description: String {
        switch self {
        case .notACheckpoint(let path): "\(path): not an Earshot training checkpoint"
        case .unreadableCheckpoint(let path, let reason): "\(path): unreadable training checkpoint: \(reason)"
        case .noCheckpoint(let path): "\(path): no checkpoint to resume from (train without --resume first)"
        case .checkpointMismatch(let path, let what):
            "\(path): the checkpoint was made with a different \(what); resume with the same data and options"
        case .diverged(let batches, let epoch):
            "training diverged in epoch \(epoch): \(batches) batches in a row had a non-finite loss or gradient; lower --lr or --clip"
        case .noTrainingData(let source): "\(source): no usable training clips"
        case .baseModelConflict(let model, let detail):
            "\(model): \(detail); fine-tuning (--init) keeps the model's features, CMVN and architecture"
        case .invalidSetting(let detail): "invalid training configuration: \(detail)"
        }
    }
}
