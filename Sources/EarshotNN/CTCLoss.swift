import Foundation

/// Connectionist temporal classification loss (Graves et al. 2006), computed with the
/// forward-backward recursions in log space, with PyTorch's `ctc_loss` reductions.
///
/// Sample b has log-probs `logProbs[t, b, :]` for t < inputLengths[b] and target l (no blanks);
/// its extended target l' = (blank, l_1, blank, l_2, …, blank) has S = 2|l| + 1 states.
public enum CTCLoss {
    public enum Reduction: String, Codable, Sendable, CaseIterable {
        /// One loss per sample; gradients are those of their sum.
        case none
        /// PyTorch's mean: the batch average of loss_b / max(|l_b|, 1).
        case mean
        /// The sum of the per-sample losses.
        case sum
    }

    /// Per-sample losses, the reduced loss, and the gradients of the reduced loss (of the sum for
    /// `.none`) with respect to the log-probs (the true partial derivative, −γ·scale; PyTorch's
    /// `ctc_loss` backward returns exp(log-probs) more than this) and to the logits that produced
    /// them through log-softmax ((softmax − γ)·scale). Both are `[T, N, C]` and exactly 0 at
    /// t ≥ inputLengths[b]; they are NaN for an impossible sample unless `zeroInfinity`.
    public struct Output: Sendable {
        public var losses: [Float]
        public var loss: Float
        public var gradLogProbs: Tensor
        public var gradLogits: Tensor
    }

    /// The loss of `logProbs [T, N, C]` (log-softmax outputs) against `targets` (labels in 1..<C
    /// when blank is 0). With `zeroInfinity`, impossible samples (infinite loss) count 0 and pass
    /// no gradient. Samples are spread over `threads` threads.
    public static func compute(
        logProbs: Tensor, inputLengths: [Int], targets: [[Int]], blank: Int = 0, reduction: Reduction = .mean,
        zeroInfinity: Bool = false, threads: Int = 1
    ) -> Output {
        precondition(logProbs.shape.count == 3, "logProbs is not [T, N, C]")
        let (steps, batch, classes) = (logProbs.shape[0], logProbs.shape[1], logProbs.shape[2])
        precondition(inputLengths.count == batch && targets.count == batch, "need one input length and target per sample")
        precondition(inputLengths.allSatisfy { 0...steps ~= $0 }, "input length outside 0...\(steps)")
        precondition(targets.allSatisfy { $0.allSatisfy { (0..<classes) ~= $0 && $0 != blank } }, "target label out of range or blank")

        var losses = [Float](repeating: 0, count: batch)
        var gradLogProbs = Tensor(shape: logProbs.shape)
        var gradLogits = Tensor(shape: logProbs.shape)
        // scale_b: how much sample b's loss weighs in the reduced loss
        let scales = targets.map { reduction == .mean ? 1 / Float(batch * max($0.count, 1)) : 1 }
        logProbs.data.withUnsafeBufferPointer { lp in
            losses.withUnsafeMutableBufferPointer { losses in
                gradLogProbs.data.withUnsafeMutableBufferPointer { gradLP in
                    gradLogits.data.withUnsafeMutableBufferPointer { gradLogits in
                        let (losses, gradLP, gradLogits) = (losses.baseAddress!, gradLP.baseAddress!, gradLogits.baseAddress!)
                        Parallel.forEach(batch, threads: threads) { b in
                            let problem = Sample(
                                logProbs: lp.baseAddress! + b * classes, rowStride: batch * classes, frames: inputLengths[b],
                                extended: extendedTarget(targets[b], blank: blank), classes: classes)
                            var loss = problem.lossAndGradient(
                                gradLogProbs: gradLP + b * classes,
                                gradLogits: gradLogits + b * classes, scale: scales[b])
                            if zeroInfinity && loss.isInfinite {
                                loss = 0
                                for t in 0..<problem.frames {
                                    (gradLP + (t * batch + b) * classes).update(repeating: 0, count: classes)
                                    (gradLogits + (t * batch + b) * classes).update(repeating: 0, count: classes)
                                }
                            }
                            losses[b] = loss
                        }
                    }
                }
            }
        }
        let loss: Float = switch reduction {
        case .none, .sum: losses.reduce(0, +)
        case .mean: zip(losses, scales).reduce(0) { $0 + $1.0 * $1.1 }
        }
        return Output(losses: losses, loss: loss, gradLogProbs: gradLogProbs, gradLogits: gradLogits)
    }

    /// l' = (blank, l_1, blank, l_2, …, l_L, blank).
    static func extendedTarget(_ target: [Int], blank: Int) -> [Int] {
        var extended = [blank]
        for label in target { extended += [label, blank] }
        return extended
    }

    /// One sample: its log-probs row (t) at `logProbs + t * rowStride`, valid for t < frames.
    struct Sample {
        let logProbs: UnsafePointer<Float>
        let rowStride: Int
        let frames: Int
        let extended: [Int]
        let classes: Int

        /// State s may be entered from s − 2 (skipping a blank) unless l'_s is blank or repeats l'_{s−2}.
        func canSkip(into s: Int) -> Bool { s >= 2 && extended[s] != extended[s - 2] }

        /// Returns −log p(l | x) and writes the scaled gradients of this sample's rows t < frames.
        /// α_t(s) includes the emission at t; β_t(s) is the log-probability of finishing from
        /// state s after t, excluding it; γ_t(s) = exp(α_t(s) + β_t(s) + log p).
        func lossAndGradient(gradLogProbs: UnsafeMutablePointer<Float>, gradLogits: UnsafeMutablePointer<Float>, scale: Float)
            -> Float
        {
            let states = extended.count
            guard frames > 0 else { return states == 1 ? 0 : .infinity }
            // alpha [frames, S], log space
            let alpha = UnsafeMutablePointer<Float>.allocate(capacity: frames * states)
            // beta: the rows for t+1 and t, log space; occupancy [C]
            let beta = UnsafeMutablePointer<Float>.allocate(capacity: 2 * states)
            let occupancy = UnsafeMutablePointer<Float>.allocate(capacity: classes)
            defer { alpha.deallocate(); beta.deallocate(); occupancy.deallocate() }

            alpha.update(repeating: -.infinity, count: states)
            alpha[0] = logProbs[extended[0]]
            if states > 1 { alpha[1] = logProbs[extended[1]] }
            for t in 1..<frames {
                let (y, previous, current) = (logProbs + t * rowStride, alpha + (t - 1) * states, alpha + t * states)
                for s in 0..<states {
                    // α_t(s) = y_t(l'_s) + logΣexp(α_{t−1}(s), α_{t−1}(s−1), α_{t−1}(s−2) if skip allowed)
                    let stay = previous[s]
                    let advance = s >= 1 ? previous[s - 1] : -.infinity
                    let skip = canSkip(into: s) ? previous[s - 2] : -.infinity
                    current[s] = y[extended[s]] + logSumExp(stay, advance, skip)
                }
            }
            let last = alpha + (frames - 1) * states
            // log p = logΣexp(α_{T−1}(S−1), α_{T−1}(S−2))
            let logLikelihood = logSumExp(last[states - 1], states > 1 ? last[states - 2] : -.infinity, -.infinity)
            guard logLikelihood > -.infinity else {
                // An impossible target: the loss is ∞ and, as in PyTorch, the gradient NaN.
                for t in 0..<frames {
                    (gradLogProbs + t * rowStride).update(repeating: .nan, count: classes)
                    (gradLogits + t * rowStride).update(repeating: .nan, count: classes)
                }
                return .infinity
            }

            var (next, current) = (beta, beta + states)
            for t in stride(from: frames - 1, through: 0, by: -1) {
                if t == frames - 1 {
                    current.update(repeating: -.infinity, count: states)
                    current[states - 1] = 0
                    if states > 1 { current[states - 2] = 0 }
                } else {
                    let y = logProbs + (t + 1) * rowStride
                    for s in 0..<states {
                        // β_t(s) = logΣexp over s' ∈ {s, s+1, s+2 if skip allowed} of y_{t+1}(l'_{s'}) + β_{t+1}(s')
                        let stay = y[extended[s]] + next[s]
                        let advance = s + 1 < states ? y[extended[s + 1]] + next[s + 1] : -.infinity
                        let skip = s + 2 < states && canSkip(into: s + 2) ? y[extended[s + 2]] + next[s + 2] : -.infinity
                        current[s] = logSumExp(stay, advance, skip)
                    }
                }
                // γ_t(c) = Σ_{s: l'_s = c} exp(α_t(s) + β_t(s) − log p)
                occupancy.update(repeating: 0, count: classes)
                let a = alpha + t * states
                for s in 0..<states { occupancy[extended[s]] += expf(a[s] + current[s] - logLikelihood) }
                let (y, dLP, dLogits) = (logProbs + t * rowStride, gradLogProbs + t * rowStride, gradLogits + t * rowStride)
                // ∂loss/∂logprob = −γ;  ∂loss/∂logit = softmax − γ
                for c in 0..<classes {
                    dLP[c] = -occupancy[c] * scale
                    dLogits[c] = (expf(y[c]) - occupancy[c]) * scale
                }
                swap(&next, &current)
            }
            return -logLikelihood
        }
    }
}

/// log(eᵃ + eᵇ + eᶜ), −∞ when all three are −∞.
@inline(__always)
func logSumExp(_ a: Float, _ b: Float, _ c: Float) -> Float {
    let top = max(a, max(b, c))
    if top == -.infinity { return -.infinity }
    return top + logf(expf(a - top) + expf(b - top) + expf(c - top))
}
