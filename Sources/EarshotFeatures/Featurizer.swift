import Foundation

/// Kaldi-compatible MFCC or log mel filterbank features, computed with FFTW in float32.
///
/// Built once from its options: the window, the sparse mel banks, the DCT matrix with the lifter
/// folded in and the FFT plan are precomputed; `compute` does no set-up. Input samples are in
/// [-1, 1] and are scaled by 32768 when framed (Kaldi's int16 scale).
///
/// One instance per thread: it owns its scratch buffers. To featurize many files on all cores,
/// give each thread its own `Featurizer`.
public final class Featurizer {
    public let options: FeatureOptions
    /// Columns of every output row.
    public let dimension: Int

    private let extractor: FrameExtractor
    private let melBanks: MelFilterbank
    private let cepstra: CepstralTransform?
    let fft: RealFFT
    /// Scratch: a frame that needs reflecting or dither, the spectrum (fftSize / 2 bins) and the mel energies.
    private let frame: UnsafeMutablePointer<Float>
    private let spectrum: UnsafeMutablePointer<Float>
    private let melEnergies: UnsafeMutablePointer<Float>

    // Energy handling, common to MFCC and fbank (Kaldi semantics).
    private let useEnergy: Bool
    private let rawEnergy: Bool
    private let logEnergyFloor: Float?
    private let htkCompat: Bool
    /// Power (not magnitude) spectrum, and log mel energies: always for MFCC, optional for fbank.
    private let usePower: Bool
    private let useLogMel: Bool

    /// The VTLN warp factor of the mel banks: 1 (none) for recognition; training draws others to
    /// imitate other vocal-tract lengths (vocal tract length perturbation, Jaitly & Hinton 2013).
    public let vtlnWarp: Float

    /// `vtlnWarp` other than 1 warps the mel banks' frequencies as Kaldi's `--vtln-warp` does (see
    /// `VtlnWarp`); it must be positive, and the mel options must then have
    /// low-freq < vtln-low < vtln-high < high-freq.
    public init(_ options: FeatureOptions, vtlnWarp: Float = 1) throws(FeatureOptionsError) {
        try options.validate()
        if vtlnWarp != 1 {
            guard vtlnWarp > 0 && vtlnWarp.isFinite else { throw .invalid("vtln-warp must be > 0, got \(vtlnWarp)") }
            try options.melOptions.validateVtln(sampleFrequency: options.frameOptions.sampleFrequency)
        }
        self.options = options
        self.vtlnWarp = vtlnWarp
        dimension = options.dimension
        let frameOptions = options.frameOptions
        extractor = FrameExtractor(options: frameOptions)
        fft = RealFFT(size: extractor.paddedLength)
        melBanks = MelFilterbank(
            options: options.melOptions, sampleFrequency: frameOptions.sampleFrequency,
            fftSize: extractor.paddedLength, vtlnWarp: Double(vtlnWarp))
        let energyFloor: Float
        switch options {
        case .mfcc(let o):
            cepstra = CepstralTransform(
                numCeps: o.numCeps, numBins: o.mel.numBins, cepstralLifter: o.cepstralLifter)
            (useEnergy, rawEnergy, energyFloor, htkCompat) = (o.useEnergy, o.rawEnergy, o.energyFloor, o.htkCompat)
            (usePower, useLogMel) = (true, true)
        case .fbank(let o):
            cepstra = nil
            (useEnergy, rawEnergy, energyFloor, htkCompat) = (o.useEnergy, o.rawEnergy, o.energyFloor, o.htkCompat)
            (usePower, useLogMel) = (o.usePower, o.useLogFbank)
        }
        logEnergyFloor = energyFloor > 0 ? log(energyFloor) : nil
        frame = .allocate(capacity: extractor.frameLength)
        spectrum = .allocate(capacity: melBanks.spectrumCapacity)
        spectrum.initialize(repeating: 0, count: melBanks.spectrumCapacity)
        let melCapacity = (melBanks.numBins + 7) / 8 * 8  // padded for VectorLog and the DCT
        melEnergies = .allocate(capacity: melCapacity)
        melEnergies.initialize(repeating: 0, count: melCapacity)
    }

    deinit {
        frame.deallocate()
        spectrum.deallocate()
        melEnergies.deallocate()
    }

    /// Number of frames `compute` returns for `sampleCount` samples.
    public static func frameCount(sampleCount: Int, options: FeatureOptions) -> Int {
        options.frameOptions.frameCount(sampleCount: sampleCount)
    }

    /// Features of a whole utterance (samples in [-1, 1] at `options.sampleRate`).
    public func compute(_ samples: [Float]) -> FeatureMatrix {
        let frames = options.frameOptions.frameCount(sampleCount: samples.count)
        var values = [Float](repeating: 0, count: frames * dimension)
        samples.withUnsafeBufferPointer { signal in
            values.withUnsafeMutableBufferPointer { out in
                computeFrames(
                    0..<frames, signal: signal, signalOffset: 0, sampleCount: samples.count,
                    into: out.baseAddress!)
            }
        }
        return FeatureMatrix(frames: frames, dims: dimension, values: values)
    }

    /// Computes frames `range` into consecutive rows of `out`. `signal[i]` is sample
    /// `signalOffset + i` of a signal of `sampleCount` samples, and must cover every sample
    /// the frames read (after reflection). The offline and the streaming featurizer both end
    /// here, so they produce identical values.
    func computeFrames(
        _ range: Range<Int>, signal: UnsafeBufferPointer<Float>, signalOffset: Int, sampleCount: Int,
        into out: UnsafeMutablePointer<Float>
    ) {
        for (row, t) in range.enumerated() {
            let rawLogEnergy = extractor.prepare(
                t, signal: signal, signalOffset: signalOffset, sampleCount: sampleCount, scratch: frame,
                rawLogEnergy: useEnergy && rawEnergy, into: fft.input)
            computeFrame(rawLogEnergy: rawLogEnergy, into: out + row * dimension)
        }
    }

    /// FFT of the prepared frame in `fft.input`, then mel banks, log, and DCT or energy column.
    @inline(__always)
    private func computeFrame(rawLogEnergy: Float, into row: UnsafeMutablePointer<Float>) {
        var logEnergy = rawLogEnergy
        if useEnergy && !rawEnergy {
            logEnergy = log(max(VectorKernels.dot(fft.input, fft.input, fft.size), .ulpOfOne))
        }
        if let floor = logEnergyFloor, logEnergy < floor { logEnergy = floor }
        fft.execute()
        let bins = fft.size / 2
        let complex = fft.output
        // |X_k|² (or |X_k| without usePower) for k < fftSize / 2 (the mel banks skip Nyquist)
        for k in 0..<bins {
            let re = complex[2 * k], im = complex[2 * k + 1]
            spectrum[k] = re * re + im * im
        }
        if !usePower { for k in 0..<bins { spectrum[k] = spectrum[k].squareRoot() } }
        let numBins = melBanks.numBins
        melBanks.apply(spectrum, into: melEnergies)
        if useLogMel { VectorLog.floorAndLogPadded(melEnergies, numBins) }
        if let cepstra {
            cepstra.apply(melEnergies, into: row)
            if useEnergy { row[0] = logEnergy }
            if htkCompat {
                // HTK order: C1 ... C(n−1), then C0 (·√2, undoing the DCT's scale) or the energy.
                let c0 = row[0]
                for k in 0..<cepstra.numCeps - 1 { row[k] = row[k + 1] }
                row[cepstra.numCeps - 1] = useEnergy ? c0 : c0 * Float(2).squareRoot()
            }
        } else {
            // fbank: [energy,] E_0 ... E_(M−1) [, energy with htkCompat]
            (row + (useEnergy && !htkCompat ? 1 : 0)).update(from: melEnergies, count: numBins)
            if useEnergy { row[htkCompat ? numBins : 0] = logEnergy }
        }
    }
}
