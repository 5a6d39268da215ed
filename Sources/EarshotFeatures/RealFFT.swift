import CFFTW
import Foundation

/// FFTW's planner is not thread-safe: every plan creation and destruction takes this lock.
/// Executing a plan on its own arrays (`fftwf_execute_dft_r2c`) is thread-safe.
let fftwPlannerLock = NSLock()

/// A float real-to-complex FFT of one size with its own aligned input and output buffers.
/// Not shareable between threads (the buffers are its state).
final class RealFFT {
    let size: Int
    /// `size` real inputs; write the frame here, then `execute()`.
    let input: UnsafeMutablePointer<Float>
    /// `size / 2 + 1` complex outputs as interleaved (re, im) floats.
    let output: UnsafeMutablePointer<Float>
    private let complexOutput: UnsafeMutablePointer<fftwf_complex>
    private let plan: fftwf_plan

    init(size: Int) {
        self.size = size
        let input = fftwf_alloc_real(size)!
        input.initialize(repeating: 0, count: size)
        let complexOutput = fftwf_alloc_complex(size / 2 + 1)!
        output = UnsafeMutableRawPointer(complexOutput).bindMemory(to: Float.self, capacity: size + 2)
        output.initialize(repeating: 0, count: size + 2)
        let flags = UInt32(1 << 6)  // FFTW_ESTIMATE: as fast as FFTW_MEASURE at these sizes
        plan = fftwPlannerLock.withLock {
            fftwf_plan_dft_r2c_1d(Int32(size), input, complexOutput, flags)
        }!
        self.input = input
        self.complexOutput = complexOutput
    }

    /// output = FFT(input)
    @inline(__always)
    func execute() { fftwf_execute_dft_r2c(plan, input, complexOutput) }

    deinit {
        fftwPlannerLock.withLock { fftwf_destroy_plan(plan) }
        fftwf_free(input)
        fftwf_free(complexOutput)
    }
}
