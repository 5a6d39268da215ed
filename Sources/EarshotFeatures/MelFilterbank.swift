import Foundation

/// Kaldi's triangular mel filterbank, stored sparsely: bin b has non-zero weights only on FFT
/// bins `firstIndex[b] ..< firstIndex[b] + weightCount[b]`. Each row is zero-padded to a
/// multiple of 8 weights so the dot products have no scalar tail; the spectrum passed to
/// `apply` must therefore hold `spectrumCapacity` finite values.
struct MelFilterbank {
    let numBins: Int
    /// fftSize / 2 bins plus room for the padded rows' reads.
    let spectrumCapacity: Int
    /// All bins' weights, bin after bin; bin b starts at `weightOffset[b]`.
    private let weights: [Float]
    private let weightOffset: [Int]
    private let firstIndex: [Int]
    private let weightCount: [Int]

    /// mel(f) = 1127 ln(1 + f / 700)
    static func mel(_ hz: Double) -> Double { 1127 * log(1 + hz / 700) }

    /// The inverse: f = 700 (e^(mel / 1127) − 1)
    static func hz(mel: Double) -> Double { 700 * (exp(mel / 1127) - 1) }

    /// Triangles equally spaced in mel between the low and high frequency, evaluated at the FFT
    /// bin frequencies k · sr / fftSize for k < fftSize / 2 (the Nyquist bin is not used). With a
    /// VTLN warp factor other than 1, the triangles' corners are moved by `VtlnWarp` (Kaldi's
    /// `MelBanks` with `vtln_warp`); the options must then pass `validateVtln`.
    init(options: MelBanksOptions, sampleFrequency: Float, fftSize: Int, vtlnWarp: Double = 1) {
        numBins = options.numBins
        spectrumCapacity = fftSize / 2 + 8
        let lowFreq = Double(options.lowFreq)
        let highFreq = options.effectiveHighFreq(sampleFrequency: sampleFrequency)
        let melLow = Self.mel(lowFreq)
        let melHigh = Self.mel(highFreq)
        let delta = (melHigh - melLow) / Double(numBins + 1)
        let binWidth = Double(sampleFrequency) / Double(fftSize)
        let warp = VtlnWarp(
            factor: vtlnWarp, lowCutoff: Double(options.vtlnLow),
            highCutoff: options.effectiveVtlnHigh(sampleFrequency: sampleFrequency), lowFreq: lowFreq, highFreq: highFreq)
        func corner(_ mel: Double) -> Double { vtlnWarp == 1 ? mel : Self.mel(warp(Self.hz(mel: mel))) }
        var weights: [Float] = [], offsets: [Int] = [], firsts: [Int] = [], counts: [Int] = []
        for b in 0..<numBins {
            let left = corner(melLow + Double(b) * delta)
            let center = corner(melLow + Double(b + 1) * delta)
            let right = corner(melLow + Double(b + 2) * delta)
            var first = -1
            var row: [Float] = []
            for k in 0..<fftSize / 2 {
                let m = Self.mel(binWidth * Double(k))
                guard m > left && m < right else { continue }
                if first < 0 { first = k }
                // Pad any gap (none for a triangle, but keeps indices contiguous).
                while first + row.count < k { row.append(0) }
                let w = m <= center ? (m - left) / (center - left) : (right - m) / (right - center)
                row.append(Float(w))
            }
            while row.count % 8 != 0 { row.append(0) }
            offsets.append(weights.count)
            firsts.append(max(first, 0))
            counts.append(row.count)
            weights += row
        }
        self.weights = weights
        self.weightOffset = offsets
        self.firstIndex = firsts
        self.weightCount = counts
    }

    /// E_b = Σ_k W[b, k] · spectrum[k], for the `numBins` bins into `energies`.
    @inline(__always)
    func apply(_ spectrum: UnsafePointer<Float>, into energies: UnsafeMutablePointer<Float>) {
        weights.withUnsafeBufferPointer { w in
            for b in 0..<numBins {
                energies[b] = VectorKernels.dot(
                    w.baseAddress! + weightOffset[b], spectrum + firstIndex[b], weightCount[b])
            }
        }
    }
}
