import Foundation

/// The learning rate over training: a linear warm-up over the first `warmupSteps` updates, then an
/// exponential decay by `decayPerEpoch` at each epoch boundary.
public struct LearningRateSchedule: Codable, Sendable, Equatable {
    /// The peak rate, reached at the end of the warm-up.
    public var baseRate: Double
    /// Updates over which the rate climbs linearly from base/warmupSteps to base; 0 for none.
    public var warmupSteps: Int
    /// Factor applied once per finished epoch (1 keeps the rate constant).
    public var decayPerEpoch: Double

    public init(baseRate: Double, warmupSteps: Int, decayPerEpoch: Double) {
        self.baseRate = baseRate
        self.warmupSteps = warmupSteps
        self.decayPerEpoch = decayPerEpoch
    }

    /// The rate for update `step` (0-based, counted over the whole run) in epoch `epoch` (1-based):
    /// lr = base · min(1, (step + 1) / warmup) · decay^(epoch − 1)
    public func rate(step: Int, epoch: Int) -> Double {
        let warmup = warmupSteps > 0 ? min(1, Double(step + 1) / Double(warmupSteps)) : 1
        return baseRate * warmup * pow(decayPerEpoch, Double(max(epoch - 1, 0)))
    }
}
