import Foundation

/// Per-frame log-probabilities over the output symbols: `frames × classes`, row-major
/// (`values[t * classes + c]`), symbol 0 the CTC blank. One utterance of the network's `[T, B, C]` output.
public struct LogProbMatrix: Sendable, Equatable {
    public let frames: Int
    public let classes: Int
    public var values: [Float]

    public init(frames: Int, classes: Int, values: [Float]) {
        precondition(values.count == frames * classes, "\(values.count) values for \(frames) × \(classes)")
        self.frames = frames
        self.classes = classes
        self.values = values
    }

    /// Log-probs of `frames` frames that are certainly blank: the frames a network did not run
    /// on. Other symbols get a finite floor far below any the network gives, so the rows stay
    /// printable as JSON.
    public static func certainBlanks(_ frames: Int, classes: Int) -> [Float] {
        var row = [Float](repeating: -1e4, count: classes)
        row[0] = 0
        return Array([[Float]](repeating: row, count: frames).joined())
    }

    /// Frames `range` (rows of these).
    public func rows(_ range: Range<Int>) -> LogProbMatrix {
        LogProbMatrix(frames: range.count, classes: classes, values: Array(values[(range.lowerBound * classes)..<(range.upperBound * classes)]))
    }

    public subscript(frame: Int, symbol: Int) -> Float {
        get { values[frame * classes + symbol] }
        set { values[frame * classes + symbol] = newValue }
    }
}
