/// How often each reference word was recognised as each hypothesis word, read off word alignments.
/// A deleted word counts against the column `<del>`, an inserted word against the row `<ins>`.
public struct ConfusionTable: Sendable, Equatable, Codable {
    public static let deleted = "<del>"
    public static let inserted = "<ins>"

    /// `counts[reference][hypothesis]`.
    public private(set) var counts: [String: [String: Int]] = [:]

    public init() {}

    /// Encoded as the bare `{reference: {hypothesis: count}}` object.
    public init(from decoder: any Decoder) throws {
        counts = try decoder.singleValueContainer().decode([String: [String: Int]].self)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(counts)
    }

    public subscript(reference: String, hypothesis: String) -> Int {
        counts[reference]?[hypothesis] ?? 0
    }

    public mutating func add(_ alignment: EditAlignment<String>) {
        for operation in alignment.operations {
            switch operation {
            case .match(let word): counts[word, default: [:]][word, default: 0] += 1
            case .substitution(let reference, let hypothesis): counts[reference, default: [:]][hypothesis, default: 0] += 1
            case .deletion(let word): counts[word, default: [:]][Self.deleted, default: 0] += 1
            case .insertion(let word): counts[Self.inserted, default: [:]][word, default: 0] += 1
            }
        }
    }

    /// Row labels: the reference words in sorted order, then `<ins>` when anything was inserted.
    public var rowLabels: [String] {
        counts.keys.filter { $0 != Self.inserted }.sorted() + (counts[Self.inserted] == nil ? [] : [Self.inserted])
    }

    /// Column labels: every reference and hypothesis word in sorted order (so the matches lie on
    /// the diagonal), then `<del>` when anything was deleted.
    public var columnLabels: [String] {
        let hypotheses = Set(counts.values.flatMap(\.keys))
        let words = hypotheses.union(counts.keys).subtracting([Self.deleted, Self.inserted])
        return words.sorted() + (hypotheses.contains(Self.deleted) ? [Self.deleted] : [])
    }

    /// A fixed-width table, one row per reference word; zero cells are shown as `.`.
    public var text: String {
        let rows = rowLabels, columns = columnLabels
        guard !rows.isEmpty else { return "(empty)" }
        let firstWidth = rows.map(\.count).max()! + 1
        let widths = columns.map { column in
            max(column.count, rows.map { String(self[$0, column]).count }.max()!) + 1
        }
        func pad(_ text: String, _ width: Int) -> String { String(repeating: " ", count: max(width - text.count, 0)) + text }
        var lines = [pad("", firstWidth) + zip(columns, widths).map { pad($0, $1) }.joined()]
        for row in rows {
            let cells = zip(columns, widths).map { column, width in
                let count = self[row, column]
                return pad(count == 0 ? "." : String(count), width)
            }
            lines.append(row.padding(toLength: firstWidth, withPad: " ", startingAt: 0) + cells.joined())
        }
        return lines.joined(separator: "\n")
    }
}
