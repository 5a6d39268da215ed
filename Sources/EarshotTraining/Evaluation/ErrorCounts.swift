/// Edit counts of hypotheses against references, summed over clips: the parts of WER or CER.
public struct ErrorCounts: Sendable, Equatable, Codable {
    public var substitutions = 0
    public var insertions = 0
    public var deletions = 0
    /// Reference words (or characters): the denominator of the error rate.
    public var referenceLength = 0

    public init() {}

    public init(substitutions: Int, insertions: Int, deletions: Int, referenceLength: Int) {
        self.substitutions = substitutions
        self.insertions = insertions
        self.deletions = deletions
        self.referenceLength = referenceLength
    }

    public var errors: Int { substitutions + insertions + deletions }

    /// (S + I + D) / N; with an empty reference, 0 when nothing was inserted, else the insertion count.
    public var rate: Double { Double(errors) / Double(max(referenceLength, 1)) }

    public static func + (a: ErrorCounts, b: ErrorCounts) -> ErrorCounts {
        ErrorCounts(
            substitutions: a.substitutions + b.substitutions, insertions: a.insertions + b.insertions,
            deletions: a.deletions + b.deletions, referenceLength: a.referenceLength + b.referenceLength)
    }

    public static func += (a: inout ErrorCounts, b: ErrorCounts) { a = a + b }
}
