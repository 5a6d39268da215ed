/// L2-SP (Li, Grandvalet & Davoine, "Explicit inductive bias for transfer learning with
/// convolutional networks", ICML 2018): the penalty α/2 · ‖θ − θ₀‖², which keeps fine-tuned weights
/// near the ones fine-tuning started from, θ₀, so a few clips of one voice do not wipe out what the
/// clips do not show (other words, other voices). Adds its gradient, α(θ − θ₀), to `gradients`
/// (after clipping, as Adam adds its weight decay) and returns the penalty.
@discardableResult
public func addAnchorPenalty(_ gradients: inout [Float], parameters: [Float], anchor: [Float], strength: Float) -> Double {
    precondition(gradients.count == parameters.count && anchor.count == parameters.count, "anchor, parameters and gradients differ in size")
    var squaredDistance = 0.0
    gradients.withUnsafeMutableBufferPointer { g in
        parameters.withUnsafeBufferPointer { p in
            anchor.withUnsafeBufferPointer { a in
                for i in 0..<g.count {
                    let difference = p[i] - a[i]
                    g[i] += strength * difference
                    squaredDistance += Double(difference) * Double(difference)
                }
            }
        }
    }
    return Double(strength) / 2 * squaredDistance
}
