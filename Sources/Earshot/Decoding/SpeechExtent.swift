import Foundation

/// Widens each word from its CTC emission to the stretch of speech it belongs to.
///
/// A CTC network marks a word with a spike of one to a few frames, often at or after the word's
/// end (a bidirectional model has heard the whole word there), so the emission alone says
/// *that* and roughly *where*, not from when to when. This step finds the speech around it from
/// the audio's frame levels `L_t = 10·log10(mean of x² over frame t)` dB:
///
/// 1. A frame is voiced when `L_t ≥ max(peak − 30 dB, floor + 6 dB)` (peak: the loudest frame;
///    floor: the 10th-percentile frame, the background noise). Voiced runs separated by fewer than
///    `bridgedGap` frames are one segment (stop closures, short dips).
/// 2. Each word, in order, takes the segment that overlaps its emission or else the nearest one
///    that lies between the neighbouring words' emissions and no earlier word took, preferring
///    the one before the emission on a tie (CTC emits at or after the evidence).
/// 3. The word spans its emission and its segment together. A word with no segment keeps its emission.
public enum SpeechExtent {
    /// Voiced runs closer than this many frames (50 ms at a 10 ms hop) are merged.
    public static let bridgedGap = 5

    /// `L_t` in dB for every frame of `timing` over `samples` (frames clipped to the audio).
    public static func frameLevels(_ samples: [Float], timing: FrameTiming, frames: Int) -> [Float] {
        (0..<frames).map { t in
            let start = max(0, timing.offset + t * timing.shift)
            let end = min(samples.count, timing.offset + t * timing.shift + timing.length)
            guard end > start else { return -100 }
            var energy: Float = 0
            for i in start..<end { energy += samples[i] * samples[i] }
            return 10 * log10(energy / Float(end - start) + 1e-10)
        }
    }

    /// The frames each word spans, given the frames it is emitted in (in order, not overlapping).
    public static func widen(_ emissions: [ClosedRange<Int>], levels: [Float]) -> [ClosedRange<Int>] {
        let segments = voicedSegments(levels)
        var taken = Set<Int>()
        return emissions.indices.map { i in
            let emission = emissions[i]
            let low = i > 0 ? emissions[i - 1].upperBound : -1
            let high = i + 1 < emissions.count ? emissions[i + 1].lowerBound : levels.count
            let candidates = segments.indices.filter { s in
                !taken.contains(s) && segments[s].lowerBound > low && segments[s].upperBound < high
            }
            func distance(_ s: Int) -> (Int, Int) {
                let segment = segments[s]
                if segment.overlaps(emission) { return (0, 0) }
                // Before the emission ranks ahead of after it at the same distance.
                return segment.upperBound < emission.lowerBound
                    ? (emission.lowerBound - segment.upperBound, 0) : (segment.lowerBound - emission.upperBound, 1)
            }
            guard let chosen = candidates.min(by: { distance($0) < distance($1) }) else { return emission }
            taken.insert(chosen)
            return min(emission.lowerBound, segments[chosen].lowerBound)...max(emission.upperBound, segments[chosen].upperBound)
        }
    }

    /// Maximal runs of voiced frames, merged across gaps shorter than `bridgedGap`.
    static func voicedSegments(_ levels: [Float]) -> [ClosedRange<Int>] {
        guard let peak = levels.max() else { return [] }
        let floor = levels.sorted()[levels.count / 10]
        let threshold = max(peak - 30, floor + 6)
        var segments: [ClosedRange<Int>] = []
        for (t, level) in levels.enumerated() where level >= threshold {
            if let last = segments.last, t - last.upperBound <= bridgedGap {
                segments[segments.count - 1] = last.lowerBound...t
            } else {
                segments.append(t...t)
            }
        }
        return segments
    }
}
