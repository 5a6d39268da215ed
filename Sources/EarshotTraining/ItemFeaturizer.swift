import Earshot
import EarshotFeatures
import EarshotNN

/// Turns training items into normalised, augmented features: join the clips' audio with silences
/// (or make a stretch of noise for a noise-only item), apply the waveform augmentations, featurize
/// (with warped mel banks for vocal tract length perturbation), normalise with the global CMVN
/// statistics, mask (SpecAugment), then stack frames if the model does. A single clip with no waveform augmentation and no warp
/// reuses its cached features. Used by one thread at a time (it owns its `Featurizer`s); every
/// random choice comes from the item's seed.
final class ItemFeaturizer: @unchecked Sendable {
    private let data: PreparedClips
    private let options: FeatureOptions
    /// One featurizer per VTLN warp factor in hundredths (100: unwarped), made when first needed.
    private var featurizers: [Int: Featurizer] = [:]
    private let cmvn: CMVNConfig
    private let stacking: FrameStacking
    private let waveform: WaveformAugmenter
    private let concatenation: ClipConcatenation
    private let noiseOnly: NoiseOnlyItems
    private let specAugment: SpecAugment
    private let vocalTract: VocalTractLengthPerturbation

    /// `features` must be valid options, warpable over the augmentation's VTLP range (the caller
    /// has checked both); `noise` holds noise recordings at the model's rate.
    init(
        data: PreparedClips, cmvn: CMVNConfig, stacking: FrameStacking, features: FeatureOptions,
        augmentation: AugmentationOptions, noise: [[Float]]
    ) {
        self.data = data
        options = features
        self.cmvn = cmvn
        self.stacking = stacking
        waveform = WaveformAugmenter(options: augmentation, sampleRate: features.sampleRate, noiseRecordings: noise)
        concatenation = ClipConcatenation(options: augmentation.concatenation)
        noiseOnly = NoiseOnlyItems(options: augmentation.noiseOnly, recordings: noise, color: augmentation.noise.color)
        specAugment = SpecAugment(options: augmentation.specAugment)
        vocalTract = VocalTractLengthPerturbation(options: augmentation.vocalTractLength)
    }

    private func featurizer(warpHundredths: Int) -> Featurizer {
        if let featurizer = featurizers[warpHundredths] { return featurizer }
        let featurizer = try! Featurizer(options, vtlnWarp: Float(warpHundredths) / 100)
        featurizers[warpHundredths] = featurizer
        return featurizer
    }

    /// The item's network input (`⌈frames / k⌉ × k·dims` for frame stacking by k) and labels.
    func features(of item: TrainingItem) -> (values: [Float], labels: [Int]) {
        var generator = SplitMix64(seed: item.seed)
        var matrix: FeatureMatrix
        let warp = vocalTract.drawHundredths(using: &generator)
        if item.clips.count == 1 && !waveform.changesAudio && warp == 100 {
            matrix = cmvn.apply(to: data.features[item.clips[0]])
        } else {
            let sampleRate = options.sampleRate
            let audio = item.clips.isEmpty
                ? noiseOnly.make(sampleRate: sampleRate, using: &generator)
                : concatenation.join(item.clips.map { data.audio[$0] }, sampleRate: sampleRate, using: &generator)
            matrix = cmvn.apply(to: featurizer(warpHundredths: warp).compute(waveform.apply(to: audio, using: &generator)))
        }
        if WaveformAugmenter.chance(specAugment.options.probability, &generator) {
            specAugment.apply(to: &matrix.values, frames: matrix.frames, dims: matrix.dims, using: &generator)
        }
        return (stacking.apply(to: matrix).values, item.clips.flatMap { data.labels[$0] })
    }

    /// A padded batch of `items`, longest first: the GRU's per-step products then skip the rows of
    /// sequences that have ended (`GRU.Run.activeBound`), the padding augmented lengths leave.
    /// `items` are returned in the batch's order.
    func batch(_ items: [TrainingItem]) -> (batch: PaddedBatch, items: [TrainingItem]) {
        let built = zip(items, items.map(features(of:))).sorted { $0.1.values.count > $1.1.values.count }
        let batch = PaddedBatch(
            sequences: built.map(\.1.values), dims: options.dimension * stacking.factor, labels: built.map(\.1.labels))
        return (batch, built.map(\.0))
    }
}
