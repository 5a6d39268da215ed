/// One clip that was skipped, and why. Bad clips are reported, not fatal, unless the run is strict.
public struct DataIssue: Error, CustomStringConvertible, Equatable, Hashable, Sendable, Codable {
    public enum Kind: String, Codable, Sendable, CaseIterable {
        /// The audio file is missing or libsndfile cannot decode it.
        case unreadableAudio = "unreadable audio"
        /// The transcript has no words.
        case emptyTranscript = "empty transcript"
        /// CTC needs at least one frame per label, plus one between repeated labels.
        case tooShortForLabels = "too short for its labels"
        /// A file in a directory whose name or folder gives no label.
        case unlabeled = "no label in its name"
    }

    public var kind: Kind
    /// The clip's audio file, or the manifest line (`path:line`) that named it.
    public var location: String
    public var detail: String

    public init(_ kind: Kind, location: String, detail: String = "") {
        self.kind = kind
        self.location = location
        self.detail = detail
    }

    public var description: String {
        "\(location): \(kind.rawValue)\(detail.isEmpty ? "" : " (\(detail))")"
    }
}

/// The clips skipped while loading data: a count per kind, and the first few named.
public struct DataIssueLog: Sendable, Codable, Equatable {
    /// How many issues of each kind are kept by name; the rest are only counted.
    public static let namedPerKind = 3

    public private(set) var counts: [DataIssue.Kind: Int] = [:]
    public private(set) var examples: [DataIssue] = []

    public init() {}

    public var total: Int { counts.values.reduce(0, +) }
    public var isEmpty: Bool { total == 0 }

    /// Records `issue`, or throws it when `strict`.
    public mutating func record(_ issue: DataIssue, strict: Bool) throws(DataError) {
        if strict { throw .rejected(issue) }
        let seen = counts[issue.kind, default: 0]
        counts[issue.kind] = seen + 1
        if seen < Self.namedPerKind { examples.append(issue) }
    }

    public mutating func merge(_ other: DataIssueLog) {
        for (kind, count) in other.counts { counts[kind, default: 0] += count }
        for kind in DataIssue.Kind.allCases {
            let room = Self.namedPerKind - examples.count(where: { $0.kind == kind })
            examples += other.examples.filter { $0.kind == kind }.prefix(max(room, 0))
        }
    }

    /// One line per kind: `skipped 4 clips: empty transcript (a.wav:3, b.wav:9, ...)`.
    public var summaryLines: [String] {
        DataIssue.Kind.allCases.compactMap { kind in
            guard let count = counts[kind], count > 0 else { return nil }
            let named = examples.filter { $0.kind == kind }.map(\.location)
            let more = count > named.count ? ", ..." : ""
            let noun = count == 1 ? "clip" : "clips"
            return "skipped \(count) \(noun): \(kind.rawValue) (\(named.joined(separator: ", "))\(more))"
        }
    }
}
