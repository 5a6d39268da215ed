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

    func validate() throws(FeatureOptionsError) {
        try frame.validate()
        try mel.validate(sampleFrequency: frame.sampleFrequency)
        guard numCeps >= 1, numCeps <= mel.numBins else {
            throw .invalid("num-ceps must be in 1...\(mel.numBins) (num-mel-bins), got \(numCeps)")
        }
        guard energyFloor >= 0 else { throw .invalid("energy-floor must be ≥ 0, got \(energyFloor)") }
    }
}
