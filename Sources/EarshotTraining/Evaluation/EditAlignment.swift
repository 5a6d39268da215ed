/// One step of an alignment between a reference and a hypothesis.
public enum EditOperation<Element: Equatable & Sendable>: Equatable, Sendable {
    case match(Element)
    case substitution(reference: Element, hypothesis: Element)
    /// A hypothesis element with no reference counterpart.
    case insertion(Element)
    /// A reference element the hypothesis lacks.
    case deletion(Element)
}

/// A minimum-edit (Levenshtein) alignment of a hypothesis to a reference, with unit costs for
/// substitution, insertion and deletion. Among equally cheap alignments it prefers substitutions
/// to insertion + deletion pairs, as NIST's sclite does.
public struct EditAlignment<Element: Equatable & Sendable>: Sendable {
    public let operations: [EditOperation<Element>]

    public init(reference: [Element], hypothesis: [Element]) {
        let n = reference.count, m = hypothesis.count
        // cost[i * (m + 1) + j]: edits turning reference[..<i] into hypothesis[..<j].
        var cost = [Int](repeating: 0, count: (n + 1) * (m + 1))
        let width = m + 1
        for i in 0...n { cost[i * width] = i }
        for j in 0...m { cost[j] = j }
        if n > 0 && m > 0 {
            for i in 1...n {
                for j in 1...m {
                    // D[i][j] = min(D[i-1][j-1] + [r_i ≠ h_j], D[i-1][j] + 1, D[i][j-1] + 1)
                    let diagonal = cost[(i - 1) * width + j - 1] + (reference[i - 1] == hypothesis[j - 1] ? 0 : 1)
                    let up = cost[(i - 1) * width + j] + 1
                    let left = cost[i * width + j - 1] + 1
                    cost[i * width + j] = min(diagonal, up, left)
                }
            }
        }
        var operations: [EditOperation<Element>] = []
        var i = n, j = m
        while i > 0 || j > 0 {
            let here = cost[i * width + j]
            if i > 0 && j > 0 {
                let same = reference[i - 1] == hypothesis[j - 1]
                if cost[(i - 1) * width + j - 1] + (same ? 0 : 1) == here {
                    operations.append(same
                        ? .match(reference[i - 1])
                        : .substitution(reference: reference[i - 1], hypothesis: hypothesis[j - 1]))
                    i -= 1
                    j -= 1
                    continue
                }
            }
            if i > 0 && cost[(i - 1) * width + j] + 1 == here {
                operations.append(.deletion(reference[i - 1]))
                i -= 1
            } else {
                operations.append(.insertion(hypothesis[j - 1]))
                j -= 1
            }
        }
        self.operations = operations.reversed()
    }

    /// Substitutions, insertions and deletions, over the reference's length.
    public var counts: ErrorCounts {
        var counts = ErrorCounts()
        for operation in operations {
            switch operation {
            case .match: counts.referenceLength += 1
            case .substitution: counts.substitutions += 1; counts.referenceLength += 1
            case .deletion: counts.deletions += 1; counts.referenceLength += 1
            case .insertion: counts.insertions += 1
            }
        }
        return counts
    }
}
