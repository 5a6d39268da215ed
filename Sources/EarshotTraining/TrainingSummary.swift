import Foundation

/// What a training run did: how it ended, its settings and data, the per-epoch curve and where it
/// wrote its files. Written as `NAME.training.json` beside the model.
public struct TrainingSummary: Codable, Sendable {
    public enum Ending: String, Codable, Sendable {
        case finished
        case stoppedEarly = "stopped early"
        case interrupted
    }

    public var ending: Ending
    public var configuration: TrainingConfiguration
    public var vocabulary: Vocabulary
    public var trainingClips: Int
    public var devClips: Int
    public var issues: DataIssueLog
    public var curve: TrainingCurve
    public var outputs: TrainingOutputs

    public func write(to url: URL) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        encoder.keyEncodingStrategy = .convertToSnakeCase
        try encoder.encode(self).write(to: url, options: .atomic)
    }

    /// A few lines for the end of training.
    public var text: String {
        var lines = ["training \(ending.rawValue) after \(curve.epochs.last?.epoch ?? 0) epochs"]
        if let best = curve.best {
            var figures = [String(format: "loss %.3f", best.trainLoss)]
            if let wer = best.devWordErrorRate { figures.append(String(format: "dev WER %.2f %%", 100 * wer)) }
            if let accuracy = best.devAccuracy { figures.append(String(format: "dev accuracy %.2f %%", 100 * accuracy)) }
            lines.append("best epoch \(best.epoch): \(figures.joined(separator: ", "))")
            lines.append("model: \(outputs.model.path)")
        }
        if ending == .interrupted { lines.append("resume with the same command and --resume") }
        lines.append("curve: \(outputs.curve.path)")
        return lines.joined(separator: "\n")
    }
}
