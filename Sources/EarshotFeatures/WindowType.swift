import Foundation

/// The taper applied to each frame before the FFT (Kaldi's `--window-type`).
public enum WindowType: String, Codable, Sendable, Hashable, CaseIterable {
    /// Kaldi's default: a Hann window raised to the power 0.85, non-zero at the edges' neighbours.
    case povey
    case hamming
    case hanning
    case rectangular
    case sine
    case blackman

    /// The `length` window coefficients, computed in double precision as Kaldi does
    /// (a = 2π / (L − 1)).
    public func coefficients(length: Int, blackmanCoeff: Float) -> [Float] {
        let a = 2 * Double.pi / Double(length - 1)
        let blackman = Double(blackmanCoeff)
        return (0..<length).map { i in
            let x = Double(i)
            let w: Double
            switch self {
            case .hanning: w = 0.5 - 0.5 * cos(a * x)
            case .sine: w = sin(0.5 * a * x)  // sin(π i / (L − 1))
            case .hamming: w = 0.54 - 0.46 * cos(a * x)
            case .povey: w = pow(0.5 - 0.5 * cos(a * x), 0.85)
            case .rectangular: w = 1
            case .blackman: w = blackman - 0.5 * cos(a * x) + (0.5 - blackman) * cos(2 * a * x)
            }
            return Float(w)
        }
    }
}
