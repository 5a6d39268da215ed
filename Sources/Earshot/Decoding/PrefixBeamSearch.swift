import Foundation

/// CTC prefix beam search (Hannun et al., 2014, "First-pass large vocabulary continuous speech
/// recognition using bi-directional recurrent DNNs"), in log space, without a language model.
///
/// Each prefix (a label sequence) carries two probabilities: that of all paths so far that
/// collapse to it and end in a blank, `pb`, and in its last label, `pnb`. Per frame, every kept
/// prefix is extended by every symbol; after the frame the `beamWidth` prefixes with the largest
/// `pb + pnb` are kept. Unlike best-path decoding it sums over paths, so a sequence spread over
/// many mediocre paths can beat the single best path.
public struct PrefixBeamSearch: Sendable {
    public let beamWidth: Int
    /// Words whose posterior in a frame is below this do not extend prefixes in that frame
    /// (Hannun et al.'s pruning); 0 keeps every word, making the search exact when the beam is wide enough.
    public let symbolThreshold: Float

    public init(beamWidth: Int, symbolThreshold: Float = 0) {
        precondition(beamWidth >= 1, "beam width must be at least 1")
        self.beamWidth = beamWidth
        self.symbolThreshold = symbolThreshold
    }

    /// The surviving prefixes after the last frame, most probable first, with log P(labels | audio).
    public func search(_ logProbs: LogProbMatrix) -> [(labels: [Int], logScore: Float)] {
        var trie = PrefixTrie()
        var beam = [Candidate(prefix: .node(PrefixTrie.root), blank: 0, nonBlank: -.infinity)]
        var next: [Candidate] = []
        var slotOfKey: [Int: Int] = [:]
        let floor = symbolThreshold > 0 ? log(symbolThreshold) : -.infinity
        for t in 0..<logProbs.frames {
            next.removeAll(keepingCapacity: true)
            slotOfKey.removeAll(keepingCapacity: true)
            // Sums into the candidate for `prefix`, creating it on first use; impossible paths are dropped.
            func add(_ prefix: Prefix, blank: Float = -.infinity, nonBlank: Float = -.infinity) {
                if blank == -.infinity && nonBlank == -.infinity { return }
                let key = trie.key(of: prefix)
                if let slot = slotOfKey[key] {
                    next[slot].blank = logAddExp(next[slot].blank, blank)
                    next[slot].nonBlank = logAddExp(next[slot].nonBlank, nonBlank)
                } else {
                    slotOfKey[key] = next.count
                    next.append(Candidate(prefix: prefix, blank: blank, nonBlank: nonBlank))
                }
            }
            let row = t * logProbs.classes
            for candidate in beam {
                guard case .node(let node) = candidate.prefix else { continue }
                let (blank, nonBlank) = (candidate.blank, candidate.nonBlank)
                let total = logAddExp(blank, nonBlank)
                let last = trie.label(of: node)
                // Blank: the prefix stays, now ending in blank.
                add(.node(node), blank: total + logProbs.values[row])
                for symbol in 1..<logProbs.classes {
                    let p = logProbs.values[row + symbol]
                    if p == -.infinity || p < floor { continue }
                    let extended = trie.existingChild(of: node, label: symbol).map(Prefix.node) ?? .extension(node, symbol)
                    if symbol == last {
                        // A repeat only extends the prefix across a blank; otherwise it merges.
                        add(extended, nonBlank: blank + p)
                        add(.node(node), nonBlank: nonBlank + p)
                    } else {
                        add(extended, nonBlank: total + p)
                    }
                }
            }
            // Keep the most probable; only survivors become nodes of the trie.
            if next.count > beamWidth {
                let totals = next.map { logAddExp($0.blank, $0.nonBlank) }
                let order = totals.indices.sorted { totals[$0] > totals[$1] }
                next = order.prefix(beamWidth).map { next[$0] }
            }
            beam = next.map { candidate in
                var candidate = candidate
                if case .extension(let parent, let label) = candidate.prefix {
                    candidate.prefix = .node(trie.child(of: parent, label: label))
                }
                return candidate
            }
        }
        return beam.compactMap { candidate in
            guard case .node(let node) = candidate.prefix else { return nil }
            return (labels: trie.labels(of: node), logScore: logAddExp(candidate.blank, candidate.nonBlank))
        }
        .sorted { $0.logScore > $1.logScore }
    }

    /// A prefix: a node of the trie, or a node extended by one label not yet in the trie.
    enum Prefix {
        case node(Int)
        case `extension`(Int, Int)
    }

    /// A prefix with log pb (paths ending in blank) and log pnb (ending in its last label).
    struct Candidate {
        var prefix: Prefix
        var blank: Float
        var nonBlank: Float
    }
}

/// Prefixes as nodes of a tree, so a prefix is one integer to hash and extending it costs O(1).
struct PrefixTrie {
    static let root = 0
    private var parent: [Int] = [-1]
    private var lastLabel: [Int] = [0]
    private var children: [Int: Int] = [:]  // key: node << 32 | label

    /// The prefix's last label, or 0 (the blank) for the empty prefix.
    func label(of node: Int) -> Int { lastLabel[node] }

    /// The same number for a node and for its parent extended by its label.
    func key(of prefix: PrefixBeamSearch.Prefix) -> Int {
        switch prefix {
        case .node(let node): node == Self.root ? -1 : parent[node] << 32 | lastLabel[node]
        case .extension(let node, let label): node << 32 | label
        }
    }

    func existingChild(of node: Int, label: Int) -> Int? { children[node << 32 | label] }

    mutating func child(of node: Int, label: Int) -> Int {
        let key = node << 32 | label
        if let existing = children[key] { return existing }
        parent.append(node)
        lastLabel.append(label)
        children[key] = parent.count - 1
        return parent.count - 1
    }

    func labels(of node: Int) -> [Int] {
        var labels: [Int] = []
        var current = node
        while current != Self.root {
            labels.append(lastLabel[current])
            current = parent[current]
        }
        return labels.reversed()
    }
}
