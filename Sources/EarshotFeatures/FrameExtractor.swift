import Foundation

/// Cuts frame t out of a signal and prepares it for the FFT, as Kaldi's `ExtractWindow`:
/// dither, remove the DC offset, (measure raw energy), pre-emphasise, window, zero-pad.
///
/// Samples arrive in [-1, 1] and Kaldi's algorithm expects the int16 scale: the factor 32768
/// is folded into the window coefficients (a power of two, so the scaling is exact) instead of
/// being a pass of its own.
struct FrameExtractor {
    static let inputScale: Float = 32768

    let options: FrameExtractionOptions
    let frameLength: Int
    let paddedLength: Int
    /// Window coefficients × 32768.
    private let scaledWindow: [Float]
    private let dither: Dither?

    init(options: FrameExtractionOptions) {
        self.options = options
        frameLength = options.frameLength
        paddedLength = options.paddedFrameLength
        scaledWindow = options.windowType.coefficients(length: frameLength, blackmanCoeff: options.blackmanCoeff)
            .map { $0 * Self.inputScale }
        dither =
            options.dither > 0
            ? Dither(standardDeviation: options.dither / Self.inputScale, seed: options.ditherSeed) : nil
    }

    /// Writes the FFT input of frame `t` to `output` (frameLength floats; the zero padding after
    /// them is left untouched). `signal[i]` holds sample `signalOffset + i` of a signal of
    /// `sampleCount` samples; indices outside [0, sampleCount) are reflected: s < 0 → −s−1,
    /// s ≥ N → 2N−1−s. `scratch` holds frameLength floats. Returns ln(max(Σ x², FLT_EPSILON))
    /// on the int16 scale after DC removal and before pre-emphasis when `rawLogEnergy`, else 0.
    @inline(__always)
    func prepare(
        _ t: Int, signal: UnsafeBufferPointer<Float>, signalOffset: Int, sampleCount: Int,
        scratch: UnsafeMutablePointer<Float>, rawLogEnergy: Bool, into output: UnsafeMutablePointer<Float>
    ) -> Float {
        let n = frameLength
        let start = options.frameStart(t)
        let x: UnsafePointer<Float>
        if dither == nil && start >= 0 && start + n <= sampleCount {
            x = UnsafePointer(signal.baseAddress! + (start - signalOffset))
        } else {
            for j in 0..<n {
                var s = start + j
                while s < 0 || s >= sampleCount { s = s < 0 ? -s - 1 : 2 * sampleCount - 1 - s }
                scratch[j] = signal[s - signalOffset]
            }
            dither?.add(to: scratch, count: n, frameIndex: t)
            x = UnsafePointer(scratch)
        }
        let mean = options.removeDcOffset ? VectorKernels.sum(x, n) / Float(n) : 0
        var energy: Float = 0
        if rawLogEnergy {
            let scale = Self.inputScale * Self.inputScale
            energy = log(max(VectorKernels.sumOfSquaredDeviations(x, n, from: mean) * scale, .ulpOfOne))
        }
        let c = options.preemphasisCoefficient
        let k = mean * (1 - c)
        scaledWindow.withUnsafeBufferPointer { w in
            // y[j] = ((x[j] − m) − c (x[j−1] − m)) · w[j] = (x[j] − c x[j−1] − m(1 − c)) · w[j], x[−1] = x[0]
            output[0] = (x[0] - c * x[0] - k) * w[0]
            for j in 1..<n { output[j] = (x[j] - c * x[j - 1] - k) * w[j] }
        }
        return energy
    }
}
