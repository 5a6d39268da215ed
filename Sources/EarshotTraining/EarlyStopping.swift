/// Keeps the best epoch and says when to stop: after `patience` epochs in a row without a better
/// score. Scores compare dev WER first, then dev loss (lower is better); without a dev set,
/// the training loss.
public struct EarlyStopping: Codable, Sendable, Equatable {
    public struct Score: Codable, Sendable, Equatable, Comparable {
        public var wordErrorRate: Double
        public var loss: Double

        public init(wordErrorRate: Double, loss: Double) {
            self.wordErrorRate = wordErrorRate
            self.loss = loss
        }

        public static func < (a: Score, b: Score) -> Bool {
            (a.wordErrorRate, a.loss) < (b.wordErrorRate, b.loss)
        }
    }

    /// Epochs without improvement that end training; 0 never stops early.
    public var patience: Int
    public private(set) var best: Score?
    public private(set) var bestEpoch = 0
    public private(set) var epochsWithoutImprovement = 0

    public init(patience: Int) { self.patience = patience }

    /// Records `epoch`'s score; true when it is the best so far. A non-finite score never is.
    public mutating func record(epoch: Int, score: Score) -> Bool {
        let finite = score.wordErrorRate.isFinite && score.loss.isFinite
        if finite, best.map({ score < $0 }) ?? true {
            best = score
            bestEpoch = epoch
            epochsWithoutImprovement = 0
            return true
        }
        epochsWithoutImprovement += 1
        return false
    }

    public var shouldStop: Bool { patience > 0 && epochsWithoutImprovement >= patience }
}
