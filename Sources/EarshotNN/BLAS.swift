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
}
