import Foundation

/// Scores of a recogniser on a set of clips: exact-match accuracy, word and character error
/// rates with their substitutions, insertions and deletions, a word confusion table, and speed.
public struct EvaluationReport: Sendable, Equatable, Codable {
    public var clips = 0
    /// Clips whose recognised word sequence equals the reference exactly.
    public var exactMatches = 0
    public var words = ErrorCounts()
    /// Over the characters of the transcripts written with single spaces between words.
    public var characters = ErrorCounts()
    public var confusion = ConfusionTable()
    public var audioSeconds = 0.0
    public var processingSeconds = 0.0

    public init() {}

    /// Scores one clip; `audioSeconds` and `processingSeconds` feed the real-time factor.
    public mutating func add(
        reference: [String], hypothesis: [String], audioSeconds: Double = 0, processingSeconds: Double = 0
    ) {
        let alignment = EditAlignment(reference: reference, hypothesis: hypothesis)
        clips += 1
        if reference == hypothesis { exactMatches += 1 }
        words += alignment.counts
        confusion.add(alignment)
        characters += EditAlignment(
            reference: Array(reference.joined(separator: " ")), hypothesis: Array(hypothesis.joined(separator: " "))
        ).counts
        self.audioSeconds += audioSeconds
        self.processingSeconds += processingSeconds
    }

    public var accuracy: Double { Double(exactMatches) / Double(max(clips, 1)) }
    public var wordErrorRate: Double { words.rate }
    public var characterErrorRate: Double { characters.rate }
    /// Seconds of computation per second of audio.
    public var realTimeFactor: Double { audioSeconds > 0 ? processingSeconds / audioSeconds : 0 }

    private enum DerivedKeys: String, CodingKey { case accuracy, wordErrorRate, characterErrorRate, realTimeFactor }

    /// The stored counts plus the derived rates, so scripts need not recompute them.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(clips, forKey: .clips)
        try container.encode(exactMatches, forKey: .exactMatches)
        try container.encode(words, forKey: .words)
        try container.encode(characters, forKey: .characters)
        try container.encode(confusion, forKey: .confusion)
        try container.encode(audioSeconds, forKey: .audioSeconds)
        try container.encode(processingSeconds, forKey: .processingSeconds)
        var derived = encoder.container(keyedBy: DerivedKeys.self)
        try derived.encode(accuracy, forKey: .accuracy)
        try derived.encode(wordErrorRate, forKey: .wordErrorRate)
        try derived.encode(characterErrorRate, forKey: .characterErrorRate)
        try derived.encode(realTimeFactor, forKey: .realTimeFactor)
    }

    /// A few aligned lines of figures, then the confusion table.
    public var text: String {
        func percent(_ x: Double) -> String { String(format: "%6.2f %%", 100 * x) }
        func parts(_ c: ErrorCounts, _ unit: String) -> String {
            "S \(c.substitutions), I \(c.insertions), D \(c.deletions) of \(c.referenceLength) \(unit)"
        }
        return """
            clips             \(clips)
            accuracy          \(percent(accuracy))  (\(exactMatches) of \(clips) clips exactly right)
            WER               \(percent(wordErrorRate))  (\(parts(words, "words")))
            CER               \(percent(characterErrorRate))  (\(parts(characters, "characters")))
            real-time factor  \(String(format: "%.4f", realTimeFactor))  (\(String(format: "%.2f", processingSeconds)) s for \(String(format: "%.1f", audioSeconds)) s of audio)

            confusion (rows: reference, columns: recognised)
            \(confusion.text)
            """
    }
}
