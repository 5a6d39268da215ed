import Foundation

/// The "silence" augmentation inserts: faint white noise rather than digital zeros, which real
/// recordings never contain (an all-zero frame sits at the features' log floor, far from anything
/// the model meets in use).
public enum Silence {
    /// RMS level of the noise, in dB relative to full scale, drawn per stretch of silence.
    public static let levels = -70.0 ... -55.0

    /// `count` samples of white noise at a random level in `levels`.
    public static func make(_ count: Int, using generator: inout some RandomNumberGenerator) -> [Float] {
        // uniform noise on [−a, a] has RMS a/√3
        let amplitude = Float(pow(10, Double.random(in: levels, using: &generator) / 20) * 3.0.squareRoot())
        return (0..<count).map { _ in Float.random(in: -amplitude...amplitude, using: &generator) }
    }
}
