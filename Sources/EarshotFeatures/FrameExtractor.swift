import Foundation

/// Cuts frame t out of a signal and prepares it for the FFT, as Kaldi's `ExtractWindow`:
/// scale to int16 range, dither, remove the DC offset, (measure raw energy), pre-emphasise,
/// window, zero-pad.
struct FrameExtractor {
    /// Samples arrive in [-1, 1]; Kaldi's algorithm expects the int16 scale.
    static let inputScale: Float = 32768

    let options: FrameExtractionOptions
    let frameLength: Int
    let paddedLength: Int
    private let window: [Float]
    private let dither: Dither?

    init(options: FrameExtractionOptions) {
        self.options = options
        frameLength = options.frameLength
        paddedLength = options.paddedFrameLength
        window = options.windowType.coefficients(length: frameLength, blackmanCoeff: options.blackmanCoeff)
        dither = options.dither > 0 ? Dither(standardDeviation: options.dither, seed: options.ditherSeed) : nil
    }

    /// Copies frame `t` into `frame` (frameLength floats, int16 scale). `signal[i]` holds
    /// sample `signalOffset + i` of a signal of `sampleCount` samples; indices outside
    /// [0, sampleCount) are reflected: s < 0 → −s−1, s ≥ N → 2N−1−s.
    @inline(__always)
    func copyFrame(
        _ t: Int, signal: UnsafeBufferPointer<Float>, signalOffset: Int, sampleCount: Int,
        into frame: UnsafeMutablePointer<Float>
    ) {
        let start = options.frameStart(t)
        let scale = Self.inputScale
        if start >= 0 && start + frameLength <= sampleCount {
            let source = signal.baseAddress! + (start - signalOffset)
            for j in 0..<frameLength { frame[j] = source[j] * scale }
        } else {
            for j in 0..<frameLength {
                var s = start + j
                while s < 0 || s >= sampleCount { s = s < 0 ? -s - 1 : 2 * sampleCount - 1 - s }
                frame[j] = signal[s - signalOffset] * scale
            }
        }
    }

    /// Turns the raw frame `t` (modified in place) into the FFT input (paddedLength floats,
    /// the tail already zero). Returns ln(max(Σ x², FLT_EPSILON)) of the frame after DC removal
    /// and before pre-emphasis when `rawLogEnergy`, else 0.
    @inline(__always)
    func prepare(
        _ frame: UnsafeMutablePointer<Float>, frameIndex t: Int, rawLogEnergy: Bool,
        into output: UnsafeMutablePointer<Float>
    ) -> Float {
        let n = frameLength
        if let dither { dither.add(to: frame, count: n, frameIndex: t) }
        if options.removeDcOffset {
            let mean = VectorKernels.sum(frame, n) / Float(n)
            for j in 0..<n { frame[j] -= mean }
        }
        let energy = rawLogEnergy ? log(max(VectorKernels.dot(frame, frame, n), .ulpOfOne)) : 0
        let c = options.preemphasisCoefficient
        window.withUnsafeBufferPointer { w in
            // y[j] = (x[j] − c·x[j−1]) · w[j], with x[−1] = x[0]
            output[0] = (frame[0] - c * frame[0]) * w[0]
            for j in 1..<n { output[j] = (frame[j] - c * frame[j - 1]) * w[j] }
        }
        return energy
    }
}
