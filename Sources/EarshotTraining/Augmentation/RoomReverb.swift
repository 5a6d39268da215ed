import EarshotFeatures
import Foundation

/// Room reverberation from a simulated impulse response: Polack's statistical model (Polack, 1988),
/// a direct path followed by a diffuse tail of Gaussian noise whose energy falls by 60 dB in RT60,
///
///     h[0] = 1,   h[t] = g · n[t] · 10^(−3 t / (RT60 · sr))  for 0 < t < RT60 · sr,   n[t] ~ N(0, 1),
///
/// with g chosen so that the direct-to-reverberant energy ratio 1 / Σ_{t>0} h[t]² is a drawn DRR.
/// RT60 and DRR are drawn uniformly in their ranges. The clip is convolved with h (`FFTConvolution`),
/// cut to its own length (the tail past its end is dropped, so word timings stay) and scaled back
/// to its RMS level.
public struct RoomReverb: Sendable {
    public struct Options: Codable, Sendable, Equatable {
        /// Chance that a clip is reverberated; 0 turns this off.
        public var probability = 0.0
        /// Shortest reverberation time in seconds (a small furnished room is about 0.2–0.4 s).
        public var minRT60 = 0.2
        /// Longest reverberation time in seconds (a large bare room is about 1 s).
        public var maxRT60 = 0.8
        /// Lowest direct-to-reverberant ratio in dB (0: as much energy in the echoes as in the voice).
        public var minDRR = 0.0
        /// Highest direct-to-reverberant ratio in dB (a talker close to the microphone).
        public var maxDRR = 12.0
        public init() {}

        /// Stored options decode with the defaults above for missing fields.
        public init(from decoder: any Decoder) throws {
            self.init()
            let c = try decoder.container(keyedBy: CodingKeys.self)
            try c.decodeIfPresent(into: &probability, forKey: .probability)
            try c.decodeIfPresent(into: &minRT60, forKey: .minRT60)
            try c.decodeIfPresent(into: &maxRT60, forKey: .maxRT60)
            try c.decodeIfPresent(into: &minDRR, forKey: .minDRR)
            try c.decodeIfPresent(into: &maxDRR, forKey: .maxDRR)
        }
    }

    public var options: Options
    /// The rate of the clips it is given.
    public let sampleRate: Int

    public init(options: Options = Options(), sampleRate: Int) {
        self.options = options
        self.sampleRate = sampleRate
    }

    public func apply(to samples: [Float], using generator: inout some RandomNumberGenerator) -> [Float] {
        let rt60 = Double.random(in: options.minRT60...max(options.minRT60, options.maxRT60), using: &generator)
        let drr = Double.random(in: options.minDRR...max(options.minDRR, options.maxDRR), using: &generator)
        let response = impulseResponse(rt60: rt60, drr: drr, using: &generator)
        let wet = FFTConvolution.convolve(samples, response, count: samples.count)
        let gain = Float((Self.energy(samples) / max(Self.energy(wet), .leastNormalMagnitude)).squareRoot())
        return wet.map { $0 * gain }
    }

    /// h above, RT60 in seconds and DRR in dB; at least two samples (the direct path and one echo).
    func impulseResponse(rt60: Double, drr: Double, using generator: inout some RandomNumberGenerator) -> [Float] {
        let length = max(Int(rt60 * Double(sampleRate)), 2)
        let decayPerSample = pow(10, -3 / (rt60 * Double(sampleRate)))  // amplitude: 10^(−3 t / (RT60 · sr))
        var tail = [Double](repeating: 0, count: length)
        var envelope = 1.0
        for t in stride(from: 1, to: length, by: 2) {
            let (a, b) = StandardNormal.pair(using: &generator)
            envelope *= decayPerSample
            tail[t] = Double(a) * envelope
            guard t + 1 < length else { break }
            envelope *= decayPerSample
            tail[t + 1] = Double(b) * envelope
        }
        let g = (pow(10, -drr / 10) / tail.reduce(0) { $0 + $1 * $1 }).squareRoot()
        return [1] + tail.dropFirst().map { Float(g * $0) }
    }

    static func energy(_ x: [Float]) -> Double { x.reduce(0) { $0 + Double($1) * Double($1) } }
}
