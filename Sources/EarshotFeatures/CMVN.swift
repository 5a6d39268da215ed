/// Cepstral mean (and variance) normalisation statistics: per-column count, sum and sum of
/// squares, accumulated in double precision over any number of feature matrices.
///
/// Global statistics (accumulated over a training set and stored with the model) are what a
/// streaming recognizer can use; per-utterance statistics need the whole utterance first.
public struct CMVNStats: Codable, Sendable, Hashable {
    public private(set) var dims: Int
    /// Frames accumulated.
    public private(set) var count: Double
    public private(set) var sum: [Double]
    public private(set) var sumOfSquares: [Double]

    /// Variances below this are treated as this (Kaldi's `apply-cmvn` floor), avoiding ÷0.
    public static let varianceFloor = 1e-10

    public init(dims: Int) {
        self.dims = dims
        count = 0
        sum = Array(repeating: 0, count: dims)
        sumOfSquares = Array(repeating: 0, count: dims)
    }

    /// Statistics of one matrix.
    public init(_ features: FeatureMatrix) {
        self.init(dims: features.dims)
        accumulate(features)
    }

    /// Adds every frame of `features` (same `dims`).
    public mutating func accumulate(_ features: FeatureMatrix) {
        precondition(features.dims == dims, "CMVN of \(dims) columns given \(features.dims)")
        for t in 0..<features.frames {
            for d in 0..<dims {
                let x = Double(features.values[t * dims + d])
                sum[d] += x
                sumOfSquares[d] += x * x
            }
        }
        count += Double(features.frames)
    }

    /// Adds another set of statistics (e.g. from another thread).
    public mutating func merge(_ other: CMVNStats) {
        precondition(other.dims == dims, "CMVN of \(dims) columns merged with \(other.dims)")
        for d in 0..<dims {
            sum[d] += other.sum[d]
            sumOfSquares[d] += other.sumOfSquares[d]
        }
        count += other.count
    }

    /// μ_d = Σx / n (zeros when nothing was accumulated)
    public var mean: [Double] { sum.map { count > 0 ? $0 / count : 0 } }

    /// σ²_d = Σx² / n − μ_d², floored at `varianceFloor`
    public var variance: [Double] {
        zip(sumOfSquares, mean).map { count > 0 ? max($0 / count - $1 * $1, Self.varianceFloor) : 1 }
    }

    /// x − μ, or (x − μ) / σ with `normalizeVariance`, for every frame of `features`.
    public func apply(to features: FeatureMatrix, normalizeVariance: Bool = false) -> FeatureMatrix {
        precondition(features.dims == dims, "CMVN of \(dims) columns applied to \(features.dims)")
        let shift = mean
        let scale = normalizeVariance ? variance.map { 1 / $0.squareRoot() } : Array(repeating: 1, count: dims)
        var result = features
        for t in 0..<features.frames {
            for d in 0..<dims {
                let i = t * dims + d
                result.values[i] = Float((Double(features.values[i]) - shift[d]) * scale[d])
            }
        }
        return result
    }
}

/// Which normalisation to apply to features before the network.
public enum CMVNMode: String, Codable, Sendable, Hashable, CaseIterable {
    case none
    /// Each utterance's own mean removed (needs the whole utterance).
    case utterance
    /// Each utterance's own mean removed and its variance scaled to 1.
    case utteranceVariance = "utterance-variance"

    /// Applies this per-utterance normalisation to `features`.
    public func apply(to features: FeatureMatrix) -> FeatureMatrix {
        switch self {
        case .none: features
        case .utterance: CMVNStats(features).apply(to: features)
        case .utteranceVariance: CMVNStats(features).apply(to: features, normalizeVariance: true)
        }
    }
}
