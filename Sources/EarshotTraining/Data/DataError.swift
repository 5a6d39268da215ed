import Foundation

/// A problem with training or evaluation data that stops the run. Each renders as one line naming
/// the file (and line, for manifests) and the problem.
public enum DataError: Error, CustomStringConvertible, Equatable, Sendable {
    /// The manifest or directory could not be read at all.
    case unreadable(path: String, reason: String)
    /// A manifest line is not a JSON object with the fields Earshot needs.
    case malformedLine(path: String, line: Int, reason: String)
    /// A transcript holds a word that `words` does not have.
    case unknownWord(path: String, line: Int?, word: String, words: WordList)
    /// A data source held no usable clips.
    case noClips(path: String)
    /// A skipped clip, raised as an error because the run is strict.
    case rejected(DataIssue)

    /// The words a transcript's words must come from.
    public enum WordList: String, Sendable {
        /// Evaluation: the vocabulary of the model being scored.
        case modelVocabulary = "in the model's vocabulary"
        /// Training: the words being trained (the training transcripts' words, or `--words`).
        case trainingWords = "among the training words"
    }

    public var description: String {
        switch self {
        case .unreadable(let path, let reason): "\(path): cannot read: \(reason)"
        case .malformedLine(let path, let line, let reason): "\(path):\(line): \(reason)"
        case .unknownWord(let path, let line, let word, let words):
            "\(path)\(line.map { ":\($0)" } ?? ""): word '\(word)' is not \(words.rawValue)"
        case .noClips(let path): "\(path): no usable clips"
        case .rejected(let issue): issue.description
        }
    }
}
