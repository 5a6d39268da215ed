#if canImport(Accelerate)
import Accelerate
#else
import CBLAS
#endif

/// Single-precision matrix products on row-major matrices, through CBLAS (OpenBLAS on Linux,
/// Accelerate where it exists), single-threaded (see `ProcessTuning`).
enum BLAS {
    /// C[m×n] = alpha · op(A) · op(B) + beta · C, where op(A) is m×k and op(B) is k×n;
    /// `transA` / `transB` mean A is stored k×m / B is stored n×k. Leading dimensions are row strides.
    @inline(__always)
    static func sgemm(
        transA: Bool = false, transB: Bool = false, m: Int, n: Int, k: Int, alpha: Float = 1,
        _ a: UnsafePointer<Float>, lda: Int, _ b: UnsafePointer<Float>, ldb: Int,
        beta: Float, _ c: UnsafeMutablePointer<Float>, ldc: Int
    ) {
        guard ProcessTuning.applied, m > 0, n > 0 else { return }
        cblas_sgemm(
            CblasRowMajor, transA ? CblasTrans : CblasNoTrans, transB ? CblasTrans : CblasNoTrans,
            Int32(m), Int32(n), Int32(k), alpha, a, Int32(lda), b, Int32(ldb), beta, c, Int32(ldc))
    }

    /// y[n] = alpha · op(A) · x + beta · y for a row-major A of m×n; `trans` multiplies by Aᵀ
    /// (x has m entries, y has n), otherwise by A (x has n, y has m).
    @inline(__always)
    static func sgemv(
        trans: Bool = false, m: Int, n: Int, alpha: Float = 1, _ a: UnsafePointer<Float>, lda: Int,
        _ x: UnsafePointer<Float>, beta: Float, _ y: UnsafeMutablePointer<Float>
    ) {
        guard ProcessTuning.applied, m > 0, n > 0 else { return }
        cblas_sgemv(
            CblasRowMajor, trans ? CblasTrans : CblasNoTrans, Int32(m), Int32(n), alpha, a, Int32(lda), x, 1, beta, y, 1)
    }

    /// Rows per block of `stepProduct`.
    static let stepBlockRows = 16

    /// C[m×n] = A[m×k] · B[k×n] + beta · C (no transposes), for the GRU's per-step products: in
    /// blocks of 16 rows when such a block is small enough (16·n·k ≤ 10⁶) for OpenBLAS's
    /// small-matrix kernels, which skip the packing of B that its general kernels repeat on every
    /// call. At H = 128 and batch 32 the recurrent products took 25–30 % less time this way; at
    /// H = 256 a block is too large and the product runs whole.
    static func stepProduct(
        m: Int, n: Int, k: Int, _ a: UnsafePointer<Float>, lda: Int, _ b: UnsafePointer<Float>, ldb: Int,
        beta: Float, _ c: UnsafeMutablePointer<Float>, ldc: Int
    ) {
        let block = stepBlockRows * n * k <= 1_000_000 ? stepBlockRows : max(m, 1)
        for start in stride(from: 0, to: m, by: block) {
            sgemm(m: min(block, m - start), n: n, k: k, a + start * lda, lda: lda, b, ldb: ldb,
                  beta: beta, c + start * ldc, ldc: ldc)
        }
    }
}
