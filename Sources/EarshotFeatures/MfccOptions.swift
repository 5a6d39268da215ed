/// Mel-frequency cepstral coefficients (Kaldi's `MfccOptions`, `compute-mfcc-feats`).
public struct MfccOptions: Codable, Sendable, Hashable {
    public var frame = FrameExtractionOptions()
    public var mel = MelBanksOptions()
    /// Number of cepstra kept, C0 included (`--num-ceps`).
    public var numCeps: Int = 13
    /// Q of the sinusoidal lifter c_k · (1 + Q/2 · sin(π k / Q)); 0 turns it off (`--cepstral-lifter`).
    public var cepstralLifter: Float = 22
    /// Replace C0 by the log energy of the frame (`--use-energy`).
    public var useEnergy: Bool = false
    /// Floor on the energy (not its log) when `useEnergy`; 0 means no floor (`--energy-floor`).
    public var energyFloor: Float = 0
    /// Measure the energy before pre-emphasis and windowing (`--raw-energy`).
    public var rawEnergy: Bool = true
    /// HTK order: C1..C(n−1) then C0 (scaled by √2) or the energy last (`--htk-compat`).
    public var htkCompat: Bool = false

    public init() {}

    /// Stored options decode with the defaults above for missing fields; `frame` (it holds the
    /// rate) is required.
    public init(from decoder: any Decoder) throws {
        self.init()
        let c = try decoder.container(keyedBy: CodingKeys.self)
        frame = try c.decode(FrameExtractionOptions.self, forKey: .frame)
        try c.decodeIfPresent(into: &mel, forKey: .mel)
        try c.decodeIfPresent(into: &numCeps, forKey: .numCeps)
        try c.decodeIfPresent(into: &cepstralLifter, forKey: .cepstralLifter)
        try c.decodeIfPresent(into: &useEnergy, forKey: .useEnergy)
        try c.decodeIfPresent(into: &energyFloor, forKey: .energyFloor)
        try c.decodeIfPresent(into: &rawEnergy, forKey: .rawEnergy)
        try c.decodeIfPresent(into: &htkCompat, forKey: .htkCompat)
    }

    func validate() throws(FeatureOptionsError) {
        try frame.validate()
        try mel.validate(sampleFrequency: frame.sampleFrequency)
        guard numCeps >= 1, numCeps <= mel.numBins else {
            throw .invalid("num-ceps must be in 1...\(mel.numBins) (num-mel-bins), got \(numCeps)")
        }
        guard energyFloor >= 0 else { throw .invalid("energy-floor must be ≥ 0, got \(energyFloor)") }
    }
}
