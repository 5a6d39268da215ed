/// Why a model or set of options cannot stream. One line naming the problem.
public enum StreamingError: Error, CustomStringConvertible, Equatable, Sendable {
    /// The model normalises each utterance with its own statistics, unknown until it has ended.
    case perUtteranceCMVN
    /// An option is out of range.
    case invalidOption(String)

    public var description: String {
        switch self {
        case .perUtteranceCMVN:
            "the model uses per-utterance CMVN, which needs the whole utterance before the first frame; streaming needs a model with global (or no) CMVN"
        case .invalidOption(let reason): "invalid streaming option: \(reason)"
        }
    }
}
