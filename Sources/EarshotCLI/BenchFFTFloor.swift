import CFFTW
import EarshotFeatures

/// The cost floor of the front-end for `bench features --fft-only`: FFTW's real FFT of the
/// featurizer's size, run as many times as the features need frames, with nothing else.
/// Create it on one thread (FFTW's planner is not thread-safe); run it on any one thread.
final class BenchFFTFloor: @unchecked Sendable {
    private let frame: FrameExtractionOptions
    private let input: UnsafeMutablePointer<Float>
    private let output: UnsafeMutablePointer<fftwf_complex>
    private let plan: fftwf_plan

    init(_ options: FeatureOptions) {
        frame = options.frameOptions
        let size = frame.paddedFrameLength
        input = fftwf_alloc_real(size)!
        input.initialize(repeating: 0, count: size)
        output = fftwf_alloc_complex(size / 2 + 1)!
        plan = fftwf_plan_dft_r2c_1d(Int32(size), input, output, UInt32(1 << 6))!  // FFTW_ESTIMATE, as the featurizer
    }

    /// One FFT per frame of `sampleCount` samples.
    func run(sampleCount: Int) {
        for _ in 0..<frame.frameCount(sampleCount: sampleCount) { fftwf_execute(plan) }
    }

    deinit {
        fftwf_destroy_plan(plan)
        fftwf_free(input)
        fftwf_free(output)
    }
}
