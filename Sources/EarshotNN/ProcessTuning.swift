#if canImport(Accelerate)
import Accelerate
#else
import CBLAS
#endif

/// Process-wide settings EarshotNN makes once, before its first matrix product:
/// - BLAS runs single-threaded: Earshot parallelises itself (directions, samples, files), and
///   OpenBLAS's own threads would fight those.
/// - glibc keeps freed memory instead of returning it to the system: every training batch
///   allocates the same large activation buffers, and handing them back and faulting them in
///   again cost about a fifth of a training step.
enum ProcessTuning {
    /// Read by every product, so the one-time initialiser runs and cannot be optimised away.
    static let applied: Bool = {
        #if !canImport(Accelerate)
        openblas_set_num_threads(1)
        #endif
        #if os(Linux)
        _ = mallopt(M_MMAP_THRESHOLD, 32 << 20)
        _ = mallopt(M_TRIM_THRESHOLD, 1 << 30)
        #endif
        return true
    }()
}
