import Earshot

/// Scores a recognizer on labelled clips: each clip transcribed (on several threads), its words
/// aligned to the reference, and the counts summed into an `EvaluationReport`.
public enum Evaluator {
    /// Every reference word must be in the model's vocabulary (else a one-line error naming the
    /// manifest line and the word, before any audio is read). The filler (`<other>`: speech outside
    /// the vocabulary) is left out of references as decoding leaves it out of transcripts, so a clip
    /// of other words is right when nothing is recognised. A clip that cannot be read is an
    /// issue: skipped and logged, or fatal when `strict`.
    public static func evaluate(
        _ recognizer: Recognizer, clips: [LabeledClip], threads: Int, issues: inout DataIssueLog, strict: Bool = false
    ) throws -> EvaluationReport {
        let vocabulary = Vocabulary(words: recognizer.model.config.vocabulary)
        let clips = clips.map { clip in
            var clip = clip
            clip.words.removeAll { $0 == ModelConfig.filler }
            return clip
        }
        for clip in clips { _ = try vocabulary.labels(for: clip, words: .modelVocabulary) }
        var report = EvaluationReport()
        var failures: [DataIssue] = []
        recognizer.transcribe(files: clips.map(\.audioURL.path), threads: threads) { index, result in
            switch result {
            case .success(let transcription):
                report.add(
                    reference: clips[index].words, hypothesis: LabeledClip.words(of: transcription.text),
                    audioSeconds: transcription.duration, processingSeconds: transcription.processingSeconds)
            case .failure(let error):
                failures.append(DataIssue(.unreadableAudio, location: clips[index].location, detail: "\(error)"))
            }
        }
        for failure in failures { try issues.record(failure, strict: strict) }
        return report
    }
}
