/// The triangular mel filterbank (Kaldi's `MelBanksOptions`).
public struct MelBanksOptions: Codable, Sendable, Hashable {
    /// Number of triangular mel bins (`--num-mel-bins`).
    public var numBins: Int = 23
    /// Lower edge of the first bin, in Hz (`--low-freq`).
    public var lowFreq: Float = 20
    /// Upper edge of the last bin, in Hz; 0 or negative means Nyquist + highFreq (`--high-freq`).
    public var highFreq: Float = 0

    public init() {}

    /// Stored options decode with the defaults above for missing fields.
    public init(from decoder: any Decoder) throws {
        self.init()
        let c = try decoder.container(keyedBy: CodingKeys.self)
        try c.decodeIfPresent(into: &numBins, forKey: .numBins)
        try c.decodeIfPresent(into: &lowFreq, forKey: .lowFreq)
        try c.decodeIfPresent(into: &highFreq, forKey: .highFreq)
    }

    /// The upper edge in Hz for a given sampling rate (resolving 0 and negative values).
    public func effectiveHighFreq(sampleFrequency: Float) -> Double {
        let nyquist = 0.5 * Double(sampleFrequency)
        return highFreq > 0 ? Double(highFreq) : nyquist + Double(highFreq)
    }

    func validate(sampleFrequency: Float) throws(FeatureOptionsError) {
        guard numBins >= 3 else { throw .invalid("num-mel-bins must be ≥ 3, got \(numBins)") }
        let nyquist = 0.5 * Double(sampleFrequency)
        let high = effectiveHighFreq(sampleFrequency: sampleFrequency)
        guard lowFreq >= 0, Double(lowFreq) < high, high <= nyquist else {
            throw .invalid(
                "mel bins need 0 ≤ low-freq < high-freq ≤ \(nyquist) Hz, got low-freq \(lowFreq), high-freq \(high)")
        }
    }
}
