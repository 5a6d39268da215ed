import Foundation

/// Durations counted in logarithmic buckets 1 % wide from 1 µs to about 100 s, so quantiles of
/// any number of measurements take a fixed 15 KB (a two-hour stream keeps no per-chunk list).
public struct DurationHistogram: Sendable {
    private static let smallest = 1e-6
    private static let growth = 1.01
    private var counts = [Int](repeating: 0, count: 1852)  // 1.01^1851 · 1 µs ≈ 100 s
    public private(set) var count = 0
    public private(set) var total = 0.0
    public private(set) var maximum = 0.0

    public init() {}

    /// Counts one duration in seconds (clamped into the histogram's range).
    public mutating func record(_ seconds: Double) {
        // bucket = ⌊log(s / 1 µs) / log 1.01⌋
        let bucket = Int((log(max(seconds, Self.smallest) / Self.smallest) / log(Self.growth)).rounded(.down))
        counts[min(bucket, counts.count - 1)] += 1
        count += 1
        total += seconds
        maximum = max(maximum, seconds)
    }

    /// The q-quantile (0...1), as the upper edge of its bucket (within 1 % above the exact value);
    /// 0 when empty.
    public func quantile(_ q: Double) -> Double {
        guard count > 0 else { return 0 }
        let rank = max(1, Int((q * Double(count)).rounded(.up)))
        var seen = 0
        for (bucket, n) in counts.enumerated() {
            seen += n
            if seen >= rank { return min(maximum, Self.smallest * pow(Self.growth, Double(bucket + 1))) }
        }
        return maximum
    }
}
