/// An exponential moving average of the weights (Polyak & Juditsky 1992; TensorFlow's
/// `ExponentialMovingAverage`), taken after every update:
///
///     θ̄ ← β_t·θ̄ + (1 − β_t)·θ,   β_t = min(β, (1 + t) / (10 + t))
///
/// where t counts the updates averaged before this one. The average smooths the step-to-step
/// noise of the optimiser, whose last weights are one draw around the minimum; the smaller β_t of
/// the first updates (TensorFlow's `num_updates`) keeps it from lingering near the random initial
/// weights. β = 0.999 averages over about the last thousand updates.
public struct WeightAverage: Sendable, Equatable {
    /// β, in [0, 1).
    public let decay: Float
    /// θ̄: the parameters' average, in their flat layout (`AcousticNetwork.parameterValues`).
    public private(set) var values: [Float]
    /// Updates averaged so far.
    public private(set) var updates: Int

    /// An average that starts at `values` (the initial weights) after `updates` updates (0, or a
    /// checkpoint's count); nil if β is outside [0, 1) or the count is negative.
    public init?(decay: Float, values: [Float], updates: Int = 0) {
        guard (0..<1).contains(decay), updates >= 0 else { return nil }
        (self.decay, self.values, self.updates) = (decay, values, updates)
    }

    /// β_t of the next update.
    public var nextDecay: Float { min(decay, Float(1 + updates) / Float(10 + updates)) }

    /// Takes `parameters` (the weights after an update) into the average.
    public mutating func update(with parameters: [Float]) {
        precondition(parameters.count == values.count, "\(parameters.count) parameters, an average of \(values.count)")
        let beta = nextDecay
        values.withUnsafeMutableBufferPointer { average in
            parameters.withUnsafeBufferPointer { p in
                for i in 0..<average.count { average[i] = beta * average[i] + (1 - beta) * p[i] }
            }
        }
        updates += 1
    }
}
