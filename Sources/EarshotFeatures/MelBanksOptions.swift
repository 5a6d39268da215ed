/// The triangular mel filterbank (Kaldi's `MelBanksOptions`).
public struct MelBanksOptions: Codable, Sendable, Hashable {
    /// Number of triangular mel bins (`--num-mel-bins`).
    public var numBins: Int = 23
    /// Lower edge of the first bin, in Hz (`--low-freq`).
    public var lowFreq: Float = 20
    /// Upper edge of the last bin, in Hz; 0 or negative means Nyquist + highFreq (`--high-freq`).
    public var highFreq: Float = 0
    /// Lower inflection point of the VTLN warp, in Hz (`--vtln-low`); used only when a warp factor
    /// other than 1 is given (`Featurizer(_:vtlnWarp:)`).
    public var vtlnLow: Float = 100
    /// Upper inflection point of the VTLN warp, in Hz; negative means Nyquist + vtlnHigh (`--vtln-high`).
    public var vtlnHigh: Float = -500

    public init() {}

    /// Stored options decode with the defaults above for missing fields.
    public init(from decoder: any Decoder) throws {
        self.init()
        let c = try decoder.container(keyedBy: CodingKeys.self)
        try c.decodeIfPresent(into: &numBins, forKey: .numBins)
        try c.decodeIfPresent(into: &lowFreq, forKey: .lowFreq)
        try c.decodeIfPresent(into: &highFreq, forKey: .highFreq)
        try c.decodeIfPresent(into: &vtlnLow, forKey: .vtlnLow)
        try c.decodeIfPresent(into: &vtlnHigh, forKey: .vtlnHigh)
    }

    /// The upper edge in Hz for a given sampling rate (resolving 0 and negative values).
    public func effectiveHighFreq(sampleFrequency: Float) -> Double {
        let nyquist = 0.5 * Double(sampleFrequency)
        return highFreq > 0 ? Double(highFreq) : nyquist + Double(highFreq)
    }

    /// The VTLN upper inflection point in Hz (resolving negative values).
    public func effectiveVtlnHigh(sampleFrequency: Float) -> Double {
        vtlnHigh < 0 ? 0.5 * Double(sampleFrequency) + Double(vtlnHigh) : Double(vtlnHigh)
    }

    /// Throws unless low-freq < vtln-low < vtln-high < high-freq, as a warp factor other than 1 needs.
    func validateVtln(sampleFrequency: Float) throws(FeatureOptionsError) {
        let high = effectiveHighFreq(sampleFrequency: sampleFrequency)
        let vtlnHigh = effectiveVtlnHigh(sampleFrequency: sampleFrequency)
        guard lowFreq < vtlnLow, Double(vtlnLow) < vtlnHigh, vtlnHigh < high else {
            throw .invalid(
                "a VTLN warp needs low-freq < vtln-low < vtln-high < high-freq, got \(lowFreq) < \(vtlnLow) < \(vtlnHigh) < \(high) Hz")
        }
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
