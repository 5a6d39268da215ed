import Foundation

/// Log mel energies to liftered cepstra: an orthonormal DCT-II with the lifter folded into its
/// rows, applied as one small matrix-vector product. Rows are zero-padded to `paddedBins` (a
/// multiple of 8), so the log energies passed to `apply` need `paddedBins` finite values.
struct CepstralTransform {
    let numCeps: Int
    let numBins: Int
    let paddedBins: Int
    /// Row-major numCeps × paddedBins.
    private let matrix: [Float]

    /// D[k, b] = s_k cos(π k (b + ½) / M) · (1 + Q/2 · sin(π k / Q)), s_0 = √(1/M), s_k = √(2/M)
    init(numCeps: Int, numBins: Int, cepstralLifter: Float) {
        self.numCeps = numCeps
        self.numBins = numBins
        paddedBins = (numBins + 7) / 8 * 8
        let m = Double(numBins), q = Double(cepstralLifter)
        var matrix: [Float] = []
        matrix.reserveCapacity(numCeps * paddedBins)
        for k in 0..<numCeps {
            let scale = k == 0 ? (1 / m).squareRoot() : (2 / m).squareRoot()
            let lifter = q == 0 ? 1 : 1 + 0.5 * q * sin(Double.pi * Double(k) / q)
            for b in 0..<numBins {
                matrix.append(Float(scale * cos(Double.pi * Double(k) * (Double(b) + 0.5) / m) * lifter))
            }
            matrix += Array(repeating: 0, count: paddedBins - numBins)
        }
        self.matrix = matrix
    }

    /// cepstra[k] = Σ_b D[k, b] · logEnergies[b]
    @inline(__always)
    func apply(_ logEnergies: UnsafePointer<Float>, into cepstra: UnsafeMutablePointer<Float>) {
        matrix.withUnsafeBufferPointer { d in
            for k in 0..<numCeps {
                cepstra[k] = VectorKernels.dot(d.baseAddress! + k * paddedBins, logEnergies, paddedBins)
            }
        }
    }
}
