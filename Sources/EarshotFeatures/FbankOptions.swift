/// Log mel filterbank energies (Kaldi's `FbankOptions`, `compute-fbank-feats`).
public struct FbankOptions: Codable, Sendable, Hashable {
    public var frame = FrameExtractionOptions()
    public var mel = MelBanksOptions()
    /// Add the log energy of the frame as an extra first (or, with `htkCompat`, last) column
    /// (`--use-energy`).
    public var useEnergy: Bool = false
    /// Floor on the energy (not its log) when `useEnergy`; 0 means no floor (`--energy-floor`).
    public var energyFloor: Float = 0
    /// Measure the energy before pre-emphasis and windowing (`--raw-energy`).
    public var rawEnergy: Bool = true
    /// Put the energy column last, as HTK does (`--htk-compat`).
    public var htkCompat: Bool = false
    /// Take the log of the mel energies, floored at FLT_EPSILON (`--use-log-fbank`).
    public var useLogFbank: Bool = true
    /// Use the power spectrum |X|²; false uses the magnitude |X| (`--use-power`).
    public var usePower: Bool = true

    public init() {}

    /// Stored options decode with the defaults above for missing fields; `frame` (it holds the
    /// rate) is required.
    public init(from decoder: any Decoder) throws {
        self.init()
        let c = try decoder.container(keyedBy: CodingKeys.self)
        frame = try c.decode(FrameExtractionOptions.self, forKey: .frame)
        try c.decodeIfPresent(into: &mel, forKey: .mel)
        try c.decodeIfPresent(into: &useEnergy, forKey: .useEnergy)
        try c.decodeIfPresent(into: &energyFloor, forKey: .energyFloor)
        try c.decodeIfPresent(into: &rawEnergy, forKey: .rawEnergy)
        try c.decodeIfPresent(into: &htkCompat, forKey: .htkCompat)
        try c.decodeIfPresent(into: &useLogFbank, forKey: .useLogFbank)
        try c.decodeIfPresent(into: &usePower, forKey: .usePower)
    }

    func validate() throws(FeatureOptionsError) {
        try frame.validate()
        try mel.validate(sampleFrequency: frame.sampleFrequency)
        guard energyFloor >= 0 else { throw .invalid("energy-floor must be ≥ 0, got \(energyFloor)") }
    }
}
