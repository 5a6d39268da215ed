import EarshotFeatures
import Foundation

/// Widens each word from its CTC emission to the stretch of speech it belongs to.
///
/// A CTC network marks a word with a spike of one to a few frames somewhere in or next to the
/// word (the shipped model fires near its start, and before the speech for the first word; other
/// models fire at its end), so the emission alone says *which* stretch of speech, not from when to
/// when. This step finds that speech from the audio's frame levels `L_t = 10·log10(mean of x² over frame t)` dB:
///
/// 1. A frame is voiced when `L_t ≥ max(peak − 40 dB, floor + 6 dB)` (peak: the loudest frame;
///    floor: the 10th-percentile frame, the background noise; 40 dB keeps weak consonants such as
///    the /θ/ of "three" or a final /t/).
/// 2. Consecutive words are parted at the deepest dip in level from the first frame of the earlier
///    word's emission to the last of the later one's, the frame `t` maximising
///    `min(max L over [a, t], max L over [t, z]) − L_t` (earliest on a tie), with `a`, `z` the
///    emissions of the words either side of the pair (or the ends of the audio); frame `t` starts the
///    later word's part. A pause is the deepest dip; in speech without one it is the trough between
///    the two words' loud parts. (When spikes sit exactly on the word boundaries of speech without
///    pauses, the range can hold two troughs of about the same depth, and the wrong one can win.)
/// 3. Each word spans the first to the last voiced frame of its part; a part without one keeps its emission.
public enum SpeechExtent {
    /// `L_t` in dB for the first `frames` frames of `timing` over `samples` (frames clipped to
    /// the audio; `FrameExtractionOptions.frameLevels`, which a `StreamingFeaturizer` gives too).
    /// A stacked frame's level is that of its loudest feature frame within the audio
    /// (`FrameStacking.apply(toLevels:)`).
    public static func frameLevels(_ samples: [Float], timing: FrameTiming, frames: Int) -> [Float] {
        let featureFrames = min(frames * timing.stacking, timing.framing.frameCount(sampleCount: samples.count))
        return FrameStacking(factor: timing.stacking).apply(toLevels: timing.framing.frameLevels(samples, frames: featureFrames))
    }

    /// The frames each word spans, given the frames it is emitted in (in order, not overlapping);
    /// the emissions themselves if `levels` does not cover them.
    public static func widen(_ emissions: [ClosedRange<Int>], levels: [Float]) -> [ClosedRange<Int>] {
        guard let last = emissions.last, last.upperBound < levels.count else { return emissions }
        let threshold = voicingThreshold(levels)
        var parts: [Range<Int>] = []
        var partStart = 0
        for i in emissions.indices {
            var partEnd = levels.count
            if i + 1 < emissions.count {
                let a = i > 0 ? emissions[i - 1].upperBound : 0
                let z = i + 2 < emissions.count ? emissions[i + 2].lowerBound : levels.count - 1
                partEnd = deepestDip(levels, in: max(partStart + 1, emissions[i].lowerBound + 1)...emissions[i + 1].upperBound, within: a...z)
            }
            parts.append(partStart..<partEnd)
            partStart = partEnd
        }
        return zip(emissions, parts).map { emission, part in
            let voiced = part.filter { levels[$0] >= threshold }
            guard let first = voiced.first, let last = voiced.last else { return emission }
            return first...last
        }
    }

    /// `max(peak − 40 dB, floor + 6 dB)`, floor the 10th-percentile level.
    static func voicingThreshold(_ levels: [Float]) -> Float {
        guard let peak = levels.max() else { return 0 }
        return max(peak - 40, levels.sorted()[levels.count / 10] + 6)
    }

    /// The frame of `candidates` whose level lies deepest below the loudest frames on both sides
    /// of it within `context` (which contains `candidates`): argmax of
    /// `min(max L over [context.lowerBound, t], max L over [t, context.upperBound]) − L_t`.
    static func deepestDip(_ levels: [Float], in candidates: ClosedRange<Int>, within context: ClosedRange<Int>) -> Int {
        // loudestAfter[t − context.lowerBound] = max L over [t, context.upperBound].
        var loudestAfter = Array(levels[context])
        for i in loudestAfter.indices.reversed().dropFirst() { loudestAfter[i] = max(loudestAfter[i], loudestAfter[i + 1]) }
        var loudestBefore = levels[context.lowerBound..<candidates.lowerBound].max() ?? -.infinity
        var (best, bestDepth) = (candidates.lowerBound, -Float.infinity)
        for t in candidates {
            loudestBefore = max(loudestBefore, levels[t])
            let depth = min(loudestBefore, loudestAfter[t - context.lowerBound]) - levels[t]
            if depth > bestDepth { (best, bestDepth) = (t, depth) }
        }
        return best
    }
}
