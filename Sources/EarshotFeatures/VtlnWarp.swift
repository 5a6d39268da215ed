/// Kaldi's VTLN frequency warp (`MelBanks::VtlnWarpFreq`): a continuous piecewise-linear map of
/// [lowFreq, highFreq] onto itself that scales the middle of the band by 1 / factor,
///
///     F(f) = f / factor                                       for l ≤ f ≤ h,
///     l = lowCutoff · max(1, factor),  h = highCutoff · min(1, factor),
///
/// with straight lines from (lowFreq, lowFreq) to (l, F(l)) and from (h, F(h)) to (highFreq, highFreq),
/// so no mel bin is ever empty. A factor above 1 moves the bins' corners down in frequency, so each
/// bin collects lower frequencies than before: the spectrum looks stretched upwards by the factor,
/// as a shorter vocal tract's formants would be. Frequencies outside [lowFreq, highFreq] are left alone.
struct VtlnWarp {
    let factor: Double
    let lowCutoff: Double
    let highCutoff: Double
    let lowFreq: Double
    let highFreq: Double

    func callAsFunction(_ freq: Double) -> Double {
        guard freq >= lowFreq && freq <= highFreq else { return freq }
        let l = lowCutoff * max(1, factor), h = highCutoff * min(1, factor)
        let scale = 1 / factor
        if freq < l { return lowFreq + (scale * l - lowFreq) / (l - lowFreq) * (freq - lowFreq) }
        if freq < h { return scale * freq }
        return highFreq + (highFreq - scale * h) / (highFreq - h) * (freq - highFreq)
    }
}
