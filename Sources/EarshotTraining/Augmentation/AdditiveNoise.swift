import EarshotFeatures
import Foundation

/// Adds noise at a signal-to-noise ratio drawn uniformly in [minSNR, maxSNR] dB:
/// generated white or pink noise, or a random stretch of a noise recording when some are given.
public struct AdditiveNoise: Sendable {
    public enum Color: String, Codable, Sendable, CaseIterable {
        /// Flat spectrum.
        case white
        /// −3 dB per octave, closer to room and fan noise.
        case pink
    }

    public struct Options: Codable, Sendable, Equatable {
        /// Chance that a clip gets noise; 0 turns this off.
        public var probability = 0.5
        /// Lowest SNR in dB (noisiest).
        public var minSNR = 10.0
        /// Highest SNR in dB (cleanest).
        public var maxSNR = 30.0
        /// Generated noise colour, used when no noise recordings are given.
        public var color = Color.pink
        /// Audio files of noise (any format, any rate) to mix in instead of generated noise.
        public var recordings: [String] = []
        public init() {}

        /// Stored options decode with the defaults above for missing fields.
        public init(from decoder: any Decoder) throws {
            self.init()
            let c = try decoder.container(keyedBy: CodingKeys.self)
            try c.decodeIfPresent(into: &probability, forKey: .probability)
            try c.decodeIfPresent(into: &minSNR, forKey: .minSNR)
            try c.decodeIfPresent(into: &maxSNR, forKey: .maxSNR)
            try c.decodeIfPresent(into: &color, forKey: .color)
            try c.decodeIfPresent(into: &recordings, forKey: .recordings)
        }
    }

    public var options: Options
    /// Noise recordings at the model's sample rate; empty means generated noise.
    public var recordings: [[Float]]

    public init(options: Options = Options(), recordings: [[Float]] = []) {
        self.options = options
        self.recordings = recordings
    }

    public func apply(to samples: [Float], using generator: inout some RandomNumberGenerator) -> [Float] {
        let snr = Double.random(in: options.minSNR...max(options.minSNR, options.maxSNR), using: &generator)
        let noise = recordings.isEmpty
            ? Self.generate(options.color, count: samples.count, using: &generator)
            : Self.excerpt(of: recordings.randomElement(using: &generator)!, count: samples.count, using: &generator)
        return Self.mix(samples, noise, snr: snr)
    }

    /// `signal + g·noise` with g chosen so that 10·log10(P_signal / P_g·noise) = `snr`
    /// (P = mean square). Silent signals and silent noise come back unchanged.
    public static func mix(_ signal: [Float], _ noise: [Float], snr: Double) -> [Float] {
        precondition(signal.count == noise.count, "signal and noise lengths differ")
        let signalPower = meanSquare(signal), noisePower = meanSquare(noise)
        guard signalPower > 0, noisePower > 0 else { return signal }
        // g = sqrt(P_s / (P_n · 10^(snr/10)))
        let gain = Float((signalPower / (noisePower * pow(10, snr / 10))).squareRoot())
        return zip(signal, noise).map { $0 + gain * $1 }
    }

    public static func meanSquare(_ x: [Float]) -> Double {
        x.isEmpty ? 0 : x.reduce(0.0) { $0 + Double($1) * Double($1) } / Double(x.count)
    }

    /// `count` samples of noise of the given colour (any scale; `mix` sets the level).
    public static func generate(_ color: Color, count: Int, using generator: inout some RandomNumberGenerator) -> [Float] {
        var white = (0..<count).map { _ in Float.random(in: -1...1, using: &generator) }
        guard color == .pink else { return white }
        // Paul Kellet's pink filter: a sum of one-pole low-passes spread over the octaves.
        var b = [Float](repeating: 0, count: 7)
        for i in white.indices {
            let w = white[i]
            b[0] = 0.99886 * b[0] + w * 0.0555179
            b[1] = 0.99332 * b[1] + w * 0.0750759
            b[2] = 0.96900 * b[2] + w * 0.1538520
            b[3] = 0.86650 * b[3] + w * 0.3104856
            b[4] = 0.55000 * b[4] + w * 0.5329522
            b[5] = -0.7616 * b[5] - w * 0.0168980
            white[i] = b[0] + b[1] + b[2] + b[3] + b[4] + b[5] + b[6] + w * 0.5362
            b[6] = w * 0.115926
        }
        return white
    }

    /// `count` samples from a random offset of `recording`, wrapping around when it is shorter.
    static func excerpt(of recording: [Float], count: Int, using generator: inout some RandomNumberGenerator) -> [Float] {
        guard !recording.isEmpty else { return [Float](repeating: 0, count: count) }
        let start = Int.random(in: 0..<recording.count, using: &generator)
        return (0..<count).map { recording[(start + $0) % recording.count] }
    }
}
