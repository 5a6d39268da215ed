/// Where to cut long audio so that the cut falls in a pause: the centre of the quietest stretch.
public enum QuietestStretch {
    /// The frame of `candidates` (a non-empty range of `levels`' indices) at the centre of the
    /// quietest stretch of 2r + 1 frames: argmin over t of max L over [t − r, t + r] (clipped to
    /// `levels`), earliest on a tie. Judging the loudest frame of the stretch, not the frame alone,
    /// puts the cut at least r frames inside a pause of 2r + 1 frames or more when there is one,
    /// never in a short gap inside a word.
    public static func centre(of levels: [Float], in candidates: Range<Int>, radius: Int) -> Int {
        precondition(!candidates.isEmpty && candidates.upperBound <= levels.count, "candidates \(candidates) of \(levels.count) frames")
        var (best, bestLoudest) = (candidates.lowerBound, Float.infinity)
        for t in candidates {
            let loudest = levels[max(0, t - radius)...min(levels.count - 1, t + radius)].max()!
            if loudest < bestLoudest { (best, bestLoudest) = (t, loudest) }
        }
        return best
    }
}
