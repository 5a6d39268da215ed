import Foundation

/// One direction of one GRU layer over a time-major batch of variable-length sequences, with
/// PyTorch's equations and gate order (r, z, n):
///
///     r_t = σ(W_ir x_t + b_ir + W_hr h_{t-1} + b_hr)
///     z_t = σ(W_iz x_t + b_iz + W_hz h_{t-1} + b_hz)
///     n_t = tanh(W_in x_t + b_in + r_t ⊙ (W_hn h_{t-1} + b_hn))
///     h_t = (1 − z_t) ⊙ n_t + z_t ⊙ h_{t-1}
///
/// Sequence b is valid for t < lengths[b]. The forward direction runs t = 0 … T−1, the reverse
/// direction t = T−1 … 0; a sequence's state is left untouched at its padded steps, so the reverse
/// direction starts from the initial state at the sequence's own last valid step, as PyTorch's
/// packed sequences do. Padded steps output exactly 0 and pass no gradient.
enum GRU {
    /// The four parameters of one direction, as PyTorch stores them (row-major):
    /// `weightIH [3H, D]`, `weightHH [3H, H]`, `biasIH [3H]`, `biasHH [3H]`, rows r, z, n.
    struct Weights {
        var weightIH: UnsafePointer<Float>
        var weightHH: UnsafePointer<Float>
        var biasIH: UnsafePointer<Float>
        var biasHH: UnsafePointer<Float>
        var inputSize: Int
        var hiddenSize: Int
    }

    /// Gradient accumulators for `Weights`, same layouts; backward adds into them.
    struct WeightGradients {
        var weightIH: UnsafeMutablePointer<Float>
        var weightHH: UnsafeMutablePointer<Float>
        var biasIH: UnsafeMutablePointer<Float>
        var biasHH: UnsafeMutablePointer<Float>
    }

    /// What the forward keeps for the backward, exactly: the gate activations r, z, n
    /// (`gates [T, B, 3H]`), the reset-gated term W_hn h_{t-1} + b_hn (`hiddenN [T, B, H]`) and
    /// the previous state h_{t-1} (`previous [T, B, H]`), row (t, b) at `(t*B + b) * rowStep`.
    /// Rows of padded steps: `previous` is 0, `gates` and `hiddenN` are never written nor read.
    /// Inference uses a one-row cache (`rowStep` 0) that every step overwrites.
    /// Written only by the forward that fills it, then read-only, hence `Sendable`.
    final class Cache: @unchecked Sendable {
        let gates: UnsafeMutablePointer<Float>
        let hiddenN: UnsafeMutablePointer<Float>
        let previous: UnsafeMutablePointer<Float>
        let rowStep: Int

        /// A cache for `rows` = T·B rows of `hiddenSize`, or a one-row scratch when `keep` is false.
        /// Three allocations rather than one: glibc maps blocks over 32 MB afresh on every call, and
        /// faulting in the pages of one 5H-wide block for a long concatenated batch cost a twentieth
        /// of an augmented training epoch.
        init(rows: Int, hiddenSize h: Int, keep: Bool) {
            let kept = keep ? rows : 1
            gates = .allocate(capacity: kept * 3 * h)
            hiddenN = .allocate(capacity: kept * h)
            previous = .allocate(capacity: kept * h)
            rowStep = keep ? 1 : 0
        }

        deinit {
            gates.deallocate()
            hiddenN.deallocate()
            previous.deallocate()
        }
    }

    /// The shape of one run: `steps` T, `batch` B, per-sequence `lengths`, and the direction.
    struct Run {
        var steps: Int
        var batch: Int
        var lengths: [Int]
        var reverse: Bool

        /// Time steps in processing order.
        var order: StrideTo<Int> {
            reverse ? stride(from: steps - 1, to: -1, by: -1) : stride(from: 0, to: steps, by: 1)
        }

        /// Rows 0..<bound cover every sequence still valid at step t (all rows if unsorted;
        /// a prefix when lengths are sorted longest first), so the per-step sgemm skips the rest.
        func activeBound(_ t: Int) -> Int {
            var bound = 0
            for b in 0..<batch where t < lengths[b] { bound = b + 1 }
            return bound
        }
    }

    /// Forward. `input [T, B, D]` contiguous; output row (t, b) at `output + (t*B + b)*outputStride`
    /// (so two directions can write the two halves of a `[T, B, 2H]` buffer); `state [B, H]` holds
    /// the initial state on entry (zeros for PyTorch's default) and the final state on return.
    /// `cache` receives what backward needs (see `Cache`).
    static func forward(
        output: UnsafeMutablePointer<Float>, outputStride: Int, state: UnsafeMutablePointer<Float>,
        cache: Cache, input: UnsafePointer<Float>, weights w: Weights, run: Run
    ) {
        let (batch, h, d) = (run.batch, w.hiddenSize, w.inputSize)
        let rows = run.steps * batch
        // projections [T, B, 3H], recurrent [B, 3H]
        let projections = UnsafeMutablePointer<Float>.allocate(capacity: rows * 3 * h)
        let recurrent = UnsafeMutablePointer<Float>.allocate(capacity: batch * 3 * h)
        defer { projections.deallocate(); recurrent.deallocate() }

        // projections[t, b, :] = W_ih x_{t,b} + b_ih, all steps in one sgemm
        for row in 0..<rows { (projections + row * 3 * h).update(from: w.biasIH, count: 3 * h) }
        BLAS.sgemm(transB: true, m: rows, n: 3 * h, k: d, input, lda: d, w.weightIH, ldb: d,
                   beta: 1, projections, ldc: 3 * h)
        // W_hhᵀ [H, 3H] for batches, so each step is a plain product (`BLAS.stepProduct`)
        let weightHHT = batch >= BLAS.stepBlockRows ? UnsafeMutablePointer<Float>.allocate(capacity: 3 * h * h) : nil
        defer { weightHHT?.deallocate() }
        if let weightHHT { transpose(w.weightHH, rows: 3 * h, columns: h, into: weightHHT) }

        for t in run.order {
            // recurrent[b, :] = W_hh h_{t-1}[b]  (b_hh is added in the gate loop)
            if let weightHHT {
                BLAS.stepProduct(m: run.activeBound(t), n: 3 * h, k: h, state, lda: h, weightHHT, ldb: 3 * h,
                                 beta: 0, recurrent, ldc: 3 * h)
            } else {
                BLAS.sgemm(transB: true, m: run.activeBound(t), n: 3 * h, k: h, state, lda: h,
                           w.weightHH, ldb: h, beta: 0, recurrent, ldc: 3 * h)
            }
            for b in 0..<batch {
                let out = output + (t * batch + b) * outputStride
                let row = (t * batch + b) * cache.rowStep
                guard t < run.lengths[b] else {
                    // padded: output 0; h_{t-1} row 0 too, as backward's dW_hh sgemm reads every row
                    out.update(repeating: 0, count: h)
                    (cache.previous + row * h).update(repeating: 0, count: h)
                    continue
                }
                let (x, g, hPrev) = (projections + (t * batch + b) * 3 * h, recurrent + b * 3 * h, state + b * h)
                let (gates, hiddenN) = (cache.gates + row * 3 * h, cache.hiddenN + row * h)
                (cache.previous + row * h).update(from: hPrev, count: h)
                // r, z = σ(x_rz + g_rz + b_hrz): the first 2H entries, in place in `gates`
                for j in 0..<(2 * h) { gates[j] = fastSigmoid(x[j] + g[j] + w.biasHH[j]) }
                let (xn, gn, bn, n, z) = (x + 2 * h, g + 2 * h, w.biasHH + 2 * h, gates + 2 * h, gates + h)
                for j in 0..<h {
                    // n = tanh(x_n + r ⊙ (W_hn h + b_hn))
                    hiddenN[j] = gn[j] + bn[j]
                    n[j] = fastTanh(xn[j] + gates[j] * hiddenN[j])
                }
                for j in 0..<h {
                    // h_t = (1 − z) ⊙ n + z ⊙ h_{t-1}
                    hPrev[j] = (1 - z[j]) * n[j] + z[j] * hPrev[j]
                    out[j] = hPrev[j]
                }
            }
        }
    }

    /// Backward, the same arguments as forward plus the gradients: `gradOutput` row (t, b) at
    /// `gradOutput + (t*B + b)*outputStride` (entries at padded steps are ignored); `gradState [B, H]`
    /// holds dL/d(final state) on entry (zeros when the loss does not use it) and dL/d(initial
    /// state) on return; `gradInput [T, B, D]` is overwritten; weight gradients are accumulated.
    static func backward(
        gradOutput: UnsafePointer<Float>, outputStride: Int, gradState: UnsafeMutablePointer<Float>,
        cache: Cache, input: UnsafePointer<Float>, weights w: Weights, run: Run,
        gradInput: UnsafeMutablePointer<Float>, gradWeights dw: WeightGradients
    ) {
        precondition(cache.rowStep == 1, "backward needs a forward cache that kept every step")
        let (batch, h, d) = (run.batch, w.hiddenSize, w.inputSize)
        let rows = run.steps * batch
        // gradProjections [T, B, 3H]: dL/d(W_ih x + b_ih) per gate; gradRecurrent [T, B, 3H]: dL/d(W_hh h + b_hh)
        let gradProjections = UnsafeMutablePointer<Float>.allocate(capacity: rows * 3 * h)
        let gradRecurrent = UnsafeMutablePointer<Float>.allocate(capacity: rows * 3 * h)
        defer { gradProjections.deallocate(); gradRecurrent.deallocate() }

        for t in run.order.reversed() {
            for b in 0..<batch {
                let offset = (t * batch + b) * 3 * h
                let (dx, dg) = (gradProjections + offset, gradRecurrent + offset)
                guard t < run.lengths[b] else {
                    dx.update(repeating: 0, count: 3 * h)
                    dg.update(repeating: 0, count: 3 * h)
                    continue
                }
                let (r, z, n) = (cache.gates + offset, cache.gates + offset + h, cache.gates + offset + 2 * h)
                let (hiddenN, hPrev) = (cache.hiddenN + offset / 3, cache.previous + offset / 3)
                let row = GateGradientRow(
                    r: r, z: z, n: n, hiddenN: hiddenN, hPrev: hPrev, dOut: gradOutput + (t * batch + b) * outputStride,
                    dh: gradState + b * h, dx: dx, dg: dg, h: h)
                let vectorEnd = h - h % SIMD8<Float>.width
                for j in stride(from: 0, to: vectorEnd, by: SIMD8<Float>.width) { gateGradients(SIMD8<Float>.self, at: j, row) }
                for j in vectorEnd..<h { gateGradients(Float.self, at: j, row) }
            }
            // gradState[b, :] += gradRecurrent[t, b, :] · W_hh  (rows of padded steps are 0)
            BLAS.stepProduct(m: run.activeBound(t), n: h, k: 3 * h, gradRecurrent + t * batch * 3 * h, lda: 3 * h,
                             w.weightHH, ldb: h, beta: 1, gradState, ldc: h)
        }
        // dW_ih += Σ_{t,b} gradProjections[t,b]ᵀ x[t,b];  dW_hh += Σ_{t,b} gradRecurrent[t,b]ᵀ h_{t-1}[t,b]
        BLAS.sgemm(transA: true, m: 3 * h, n: d, k: rows, gradProjections, lda: 3 * h, input, ldb: d,
                   beta: 1, dw.weightIH, ldc: d)
        BLAS.sgemm(transA: true, m: 3 * h, n: h, k: rows, gradRecurrent, lda: 3 * h, cache.previous, ldb: h,
                   beta: 1, dw.weightHH, ldc: h)
        // db_ih += Σ_{t,b} gradProjections[t,b];  db_hh += Σ_{t,b} gradRecurrent[t,b]
        addColumnSums(gradProjections, rows: rows, columns: 3 * h, into: dw.biasIH)
        addColumnSums(gradRecurrent, rows: rows, columns: 3 * h, into: dw.biasHH)
        // gradInput = gradProjections · W_ih
        BLAS.sgemm(m: rows, n: d, k: 3 * h, gradProjections, lda: 3 * h, w.weightIH, ldb: d,
                   beta: 0, gradInput, ldc: d)
    }
}

/// One row (t, b) of the backward's gate loop: the cached activations, dL/d(output) and
/// dL/d(state) in, dL/d(projections) `dx` and dL/d(recurrent) `dg` (3H each) out.
struct GateGradientRow {
    let r, z, n, hiddenN, hPrev, dOut: UnsafePointer<Float>
    let dh, dx, dg: UnsafeMutablePointer<Float>
    let h: Int
}

/// Columns j..<j+L.width of a `GateGradientRow`.
@inline(__always)
func gateGradients<L: GateLane>(_: L.Type, at j: Int, _ row: GateGradientRow) {
    let (one, h) = (L(repeating: 1), row.h)
    let (r, z, n) = (L(loadingFrom: row.r + j), L(loadingFrom: row.z + j), L(loadingFrom: row.n + j))
    let dh = L(loadingFrom: row.dh + j) + L(loadingFrom: row.dOut + j)
    // dn_pre = dh (1 − z)(1 − n²); dz_pre = dh (h_{t-1} − n) z (1 − z); dr_pre = dn_pre hn r (1 − r)
    let dnPre = dh * (one - z) * (one - n * n)
    let dzPre = dh * (L(loadingFrom: row.hPrev + j) - n) * z * (one - z)
    let drPre = dnPre * L(loadingFrom: row.hiddenN + j) * r * (one - r)
    drPre.store(to: row.dx + j)
    dzPre.store(to: row.dx + h + j)
    dnPre.store(to: row.dx + 2 * h + j)
    drPre.store(to: row.dg + j)
    dzPre.store(to: row.dg + h + j)
    (dnPre * r).store(to: row.dg + 2 * h + j)
    // dh_{t-1} = dh z + W_hhᵀ dg  (the per-step product adds the second term)
    (dh * z).store(to: row.dh + j)
}

/// `result [columns, rows]` = `matrix [rows, columns]`ᵀ.
func transpose(_ matrix: UnsafePointer<Float>, rows: Int, columns: Int, into result: UnsafeMutablePointer<Float>) {
    for r in 0..<rows {
        for c in 0..<columns { result[c * rows + r] = matrix[r * columns + c] }
    }
}

/// sums[c] += Σ_r matrix[r, c] for a row-major `[rows, columns]` matrix: matrixᵀ · 1, one sgemv
/// (vectorised by BLAS; the plain loop was 1.5 % of a training step).
func addColumnSums(_ matrix: UnsafePointer<Float>, rows: Int, columns: Int, into sums: UnsafeMutablePointer<Float>) {
    let ones = [Float](repeating: 1, count: rows)
    BLAS.sgemv(trans: true, m: rows, n: columns, matrix, lda: columns, ones, beta: 1, sums)
}
