import Foundation

/// Connectionist temporal classification loss (Graves et al. 2006), computed with the
/// forward-backward recursions in log space, with PyTorch's `ctc_loss` reductions.
///
/// Sample b has log-probs `logProbs[t, b, :]` for t < inputLengths[b] and target l (no blanks);
/// its extended target l' (`CTCTopology.extended`) has S = 2|l| + 1 states.
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

        let topology = CTCTopology(blank: blank)
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
                                extended: topology.extended(targets[b]), topology: topology, classes: classes)
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

    /// One sample: its log-probs row (t) at `logProbs + t * rowStride`, valid for t < frames.
    struct Sample {
        let logProbs: UnsafePointer<Float>
        let rowStride: Int
        let frames: Int
        let extended: [Int]
        let topology: CTCTopology
        let classes: Int

        /// Returns −log p(l | x) and writes the scaled gradients of this sample's rows t < frames.
        /// α_t(s) includes the emission at t; β_t(s) is the log-probability of finishing from
        /// state s after t, excluding it; γ_t(s) = exp(α_t(s) + β_t(s) − log p).
        ///
        /// Each recursion step shifts the previous row by its maximum m, so logΣexp of three
        /// neighbours is m + log(Σ e^{x − m}) with one exp per state instead of three; a state whose
        /// three neighbours all sit more than 60 nats below m is recomputed exactly
        /// (`logAddExp`), so nothing underflows however confident the network is.
        func lossAndGradient(gradLogProbs: UnsafeMutablePointer<Float>, gradLogits: UnsafeMutablePointer<Float>, scale: Float)
            -> Float
        {
            let states = extended.count
            guard frames > 0 else { return states == 1 ? 0 : .infinity }
            // Rows have two −∞ pads so every state reads s−1, s−2 (α) or s+1, s+2 (β) without
            // branches: alpha [frames, 2 + S] (pads first), beta's rows for t and t+1 [2, S + 2]
            // (pads last); skipInto[s] / skipAhead[s]: 0 where s may be entered from s−2 / s may
            // reach s+2, −∞ elsewhere, and the same as 1 / 0 in skipIntoMask / skipAheadMask;
            // emission [S + 2]: y_t(l'_s) (+ β for the backward pass); shifted [S + 2]: e^{x − m};
            // sums [S]: the shifted sums, then γ per state.
            let width = states + 2
            let scratch = UnsafeMutablePointer<Float>.allocate(capacity: (frames + 9) * width)
            defer { scratch.deallocate() }
            let alpha = scratch, beta = scratch + frames * width
            let (skipInto, skipAhead, emission) = (beta + 2 * width, beta + 3 * width, beta + 4 * width)
            let (skipIntoMask, skipAheadMask, shifted, sums) = (emission + width, emission + 2 * width, emission + 3 * width, emission + 4 * width)
            scratch.update(repeating: -.infinity, count: (frames + 5) * width)
            skipIntoMask.update(repeating: 0, count: 2 * width)
            for s in 0..<states where topology.canSkip(into: s, of: extended) { (skipInto[s], skipIntoMask[s]) = (0, 1) }
            for s in 0..<states where s + 2 < states && topology.canSkip(into: s + 2, of: extended) {
                (skipAhead[s], skipAheadMask[s]) = (0, 1)
            }

            alpha[2] = logProbs[extended[0]]
            if states > 1 { alpha[3] = logProbs[extended[1]] }
            for t in 1..<frames {
                let y = logProbs + t * rowStride
                for s in 0..<states { emission[s] = y[extended[s]] }
                let (previous, current) = (alpha + (t - 1) * width, alpha + t * width + 2)
                let top = shiftedExp(previous, count: width, into: shifted)
                guard top > -.infinity else { break }
                // α_t(s) = y_t(l'_s) + logΣexp(α_{t−1}(s), α_{t−1}(s−1), α_{t−1}(s−2) if skip allowed)
                for s in 0..<states {
                    sums[s] = shifted[s + 2] + shifted[s + 1] + shifted[s] * skipIntoMask[s]
                    current[s] = emission[s] + top + logf(sums[s])
                }
                for s in 0..<states where sums[s] < 1e-26 {
                    current[s] = emission[s] + logAddExp(logAddExp(previous[s + 2], previous[s + 1]), previous[s] + skipInto[s])
                }
            }
            let last = alpha + (frames - 1) * width + 2
            // log p = logΣexp(α_{T−1}(S−1), α_{T−1}(S−2))
            let logLikelihood = logAddExp(last[states - 1], last[states - 2])
            guard logLikelihood > -.infinity else {
                // An impossible target: the loss is ∞ and, as in PyTorch, the gradient NaN.
                for t in 0..<frames {
                    (gradLogProbs + t * rowStride).update(repeating: .nan, count: classes)
                    (gradLogits + t * rowStride).update(repeating: .nan, count: classes)
                }
                return .infinity
            }

            var (next, current) = (beta, beta + width)
            for t in stride(from: frames - 1, through: 0, by: -1) {
                if t == frames - 1 {
                    current[states - 1] = 0
                    if states > 1 { current[states - 2] = 0 }
                } else {
                    // emission(s) = y_{t+1}(l'_s) + β_{t+1}(s)
                    let y = logProbs + (t + 1) * rowStride
                    for s in 0..<states { emission[s] = y[extended[s]] + next[s] }
                    let top = shiftedExp(emission, count: width, into: shifted)
                    // β_t(s) = logΣexp over s' ∈ {s, s+1, s+2 if skip allowed} of y_{t+1}(l'_{s'}) + β_{t+1}(s')
                    for s in 0..<states {
                        sums[s] = shifted[s] + shifted[s + 1] + shifted[s + 2] * skipAheadMask[s]
                        current[s] = top + logf(sums[s])
                    }
                    for s in 0..<states where sums[s] < 1e-26 {
                        current[s] = logAddExp(logAddExp(emission[s], emission[s + 1]), emission[s + 2] + skipAhead[s])
                    }
                }
                // γ_t(c) = Σ_{s: l'_s = c} exp(α_t(s) + β_t(s) − log p)
                let a = alpha + t * width + 2
                for s in 0..<states { sums[s] = expf(a[s] + current[s] - logLikelihood) }
                let (y, dLP, dLogits) = (logProbs + t * rowStride, gradLogProbs + t * rowStride, gradLogits + t * rowStride)
                dLP.update(repeating: 0, count: classes)
                for s in 0..<states { dLP[extended[s]] -= sums[s] }
                // ∂loss/∂logprob = −γ;  ∂loss/∂logit = softmax − γ
                for c in 0..<classes {
                    dLogits[c] = (expf(y[c]) + dLP[c]) * scale
                    dLP[c] *= scale
                }
                swap(&next, &current)
            }
            return -logLikelihood
        }

        /// shifted[i] = e^{row[i] − m} for i < count; returns m = max_i row[i] (−∞ if all are).
        func shiftedExp(_ row: UnsafePointer<Float>, count: Int, into shifted: UnsafeMutablePointer<Float>) -> Float {
            var top = -Float.infinity
            for i in 0..<count { top = max(top, row[i]) }
            for i in 0..<count { shifted[i] = expf(row[i] - top) }
            return top
        }
    }
}
