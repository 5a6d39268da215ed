import Foundation

/// How loud a clip is, in dB relative to full scale (a sample of ±1 is 0 dBFS): its loudest
/// sample, 20·log10 max|x|, and its root-mean-square level, 10·log10 mean(x²). Digital silence
/// is −∞ on both. `earshot info --level` prints it.
public struct AudioLevel: Sendable, Codable, Equatable {
    public var peakDecibels: Double
    public var rmsDecibels: Double

    public init(_ samples: [Float]) {
        var peak: Float = 0
        var sumOfSquares = 0.0
        for x in samples {
            peak = max(peak, abs(x))
            sumOfSquares += Double(x) * Double(x)
        }
        peakDecibels = 20 * log10(Double(peak))
        rmsDecibels = samples.isEmpty ? -.infinity : 10 * log10(sumOfSquares / Double(samples.count))
    }
}
