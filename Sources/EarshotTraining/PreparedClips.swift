import EarshotAudio
import EarshotFeatures
import EarshotNN

/// Clips read, labelled and featurized once (on all cores), ready for training or validation:
/// the audio at the model's rate (kept for training, where augmentation changes it), the features
/// before normalisation, and the label indices. Clips that cannot be used are logged and left out.
public struct PreparedClips: Sendable {
    public var clips: [LabeledClip] = []
    public var labels: [[Int]] = []
    /// Empty unless the audio was kept.
    public var audio: [[Float]] = []
    public var features: [FeatureMatrix] = []

    public var count: Int { clips.count }

    /// Reads and featurizes `clips` on `threads` threads. An unreadable file, or a clip with fewer
    /// network frames (after `stacking`) than CTC needs for its labels, is an issue (skipped, or
    /// fatal when `strict`); a word outside `vocabulary` is an error.
    public init(
        _ clips: [LabeledClip], vocabulary: Vocabulary, features options: FeatureOptions,
        stacking: FrameStacking = FrameStacking(factor: 1), keepAudio: Bool, threads: Int, issues: inout DataIssueLog,
        strict: Bool
    ) throws {
        let labels = try clips.map { clip throws(DataError) in try vocabulary.labels(for: clip, words: .trainingWords) }
        _ = try Featurizer(options)  // invalid options fail here, so the workers' `try!` cannot
        let rate = options.sampleRate
        let results = Parallel.map(clips.count, threads: threads, worker: { try! Featurizer(options) }) {
            featurizer, i -> Result<(audio: [Float], features: FeatureMatrix), DataIssue> in
            do {
                let samples = try AudioReader.read(clips[i].audioURL.path, sampleRate: rate).samples
                return .success((samples, featurizer.compute(samples)))
            } catch {
                return .failure(DataIssue(.unreadableAudio, location: clips[i].location, detail: "\(error)"))
            }
        }
        for (i, result) in results.enumerated() {
            switch result {
            case .failure(let issue): try issues.record(issue, strict: strict)
            case .success(let (audio, features)):
                let needed = CTCTopology().minimumFrames(for: labels[i])
                let frames = stacking.stackedCount(features.frames)
                guard frames >= needed else {
                    let unit = stacking.factor == 1 ? "frames" : "stacked frames"
                    try issues.record(
                        DataIssue(.tooShortForLabels, location: clips[i].location, detail: "\(frames) \(unit), CTC needs \(needed)"),
                        strict: strict)
                    continue
                }
                self.clips.append(clips[i])
                self.labels.append(labels[i])
                if keepAudio { self.audio.append(audio) }
                self.features.append(features)
            }
        }
    }

    /// Global CMVN statistics over every frame.
    public var cmvnStats: CMVNStats? {
        guard let first = features.first else { return nil }
        return features.reduce(into: CMVNStats(dims: first.dims)) { $0.accumulate($1) }
    }
}
