/// The confidence penalty (Pereyra et al. 2017, "Regularizing neural networks by penalizing
/// confident output distributions", arXiv:1701.06548) on every frame of a CTC network's output:
///
///     P = −β · (1/N) Σ_b (1/T_b) Σ_{t < T_b} H(p_bt),   H(p) = −Σ_c p(c) log p(c),
///
/// the batch's mean per-frame entropy, weighted by β and subtracted from the loss, so training
/// keeps the posteriors from saturating at 0 and 1. With z the logits and p = softmax(z),
/// ∂H/∂z_k = −p_k · (log p_k + H), so ∂P/∂z_bt,k = β / (N · T_b) · p_k · (log p_k + H(p_bt)).
public enum ConfidencePenalty {
    /// Returns P for log-probs `logProbs [T, N, C]` (sample b valid for t < lengths[b]) and adds its
    /// gradient with respect to the logits to `gradLogits` (same shape). A sample of length 0 adds nothing.
    public static func add(strength β: Float, logProbs: Tensor, lengths: [Int], gradLogits: inout Tensor) -> Float {
        precondition(logProbs.shape.count == 3 && logProbs.shape == gradLogits.shape, "log-probs and gradient shapes differ")
        let (steps, batch, classes) = (logProbs.shape[0], logProbs.shape[1], logProbs.shape[2])
        precondition(lengths.count == batch && lengths.allSatisfy { 0...steps ~= $0 }, "lengths do not fit the log-probs")
        var penalty: Float = 0
        logProbs.data.withUnsafeBufferPointer { logP in
            gradLogits.data.withUnsafeMutableBufferPointer { g in
                for b in 0..<batch where lengths[b] > 0 {
                    let scale = β / (Float(batch) * Float(lengths[b]))
                    for t in 0..<lengths[b] {
                        let row = (t * batch + b) * classes
                        // p log p → 0 as p → 0: a class with log p = −∞ adds nothing
                        var entropy: Float = 0
                        for c in row..<(row + classes) where logP[c] > -.infinity { entropy -= fastExp(logP[c]) * logP[c] }
                        penalty -= scale * entropy
                        for c in row..<(row + classes) where logP[c] > -.infinity {
                            g[c] += scale * fastExp(logP[c]) * (logP[c] + entropy)
                        }
                    }
                }
            }
        }
        return penalty
    }
}
