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

    public init(beamWidth: Int) {
        precondition(beamWidth >= 1, "beam width must be at least 1")
        self.beamWidth = beamWidth
    }

    /// The surviving prefixes after the last frame, most probable first, with log P(labels | audio).
    public func search(_ logProbs: LogProbMatrix) -> [(labels: [Int], logScore: Float)] {
        var trie = PrefixTrie()
        // beam[i] = (prefix node, log pb, log pnb)
        var beam: [(node: Int, blank: Float, nonBlank: Float)] = [(PrefixTrie.root, 0, -.infinity)]
        var slotOfNode: [Int: Int] = [:]
        var next: [(node: Int, blank: Float, nonBlank: Float)] = []
        for t in 0..<logProbs.frames {
            slotOfNode.removeAll(keepingCapacity: true)
            next.removeAll(keepingCapacity: true)
            func add(_ node: Int, blank: Float = -.infinity, nonBlank: Float = -.infinity) {
                if blank == -.infinity && nonBlank == -.infinity { return }  // impossible: keep out of the beam
                if let slot = slotOfNode[node] {
                    next[slot].blank = logAddExp(next[slot].blank, blank)
                    next[slot].nonBlank = logAddExp(next[slot].nonBlank, nonBlank)
                } else {
                    slotOfNode[node] = next.count
                    next.append((node, blank, nonBlank))
                }
            }
            let row = t * logProbs.classes
            for (node, blank, nonBlank) in beam {
                let total = logAddExp(blank, nonBlank)
                let last = trie.label(of: node)
                // Blank: the prefix stays, now ending in blank.
                add(node, blank: total + logProbs.values[row])
                for symbol in 1..<logProbs.classes {
                    let p = logProbs.values[row + symbol]
                    if p == -.infinity { continue }
                    let extended = trie.child(of: node, label: symbol)
                    if symbol == last {
                        // A repeat only extends the prefix across a blank; otherwise it merges.
                        add(extended, nonBlank: blank + p)
                        add(node, nonBlank: nonBlank + p)
                    } else {
                        add(extended, nonBlank: total + p)
                    }
                }
            }
            if next.count > beamWidth {
                next.sort { logAddExp($0.blank, $0.nonBlank) > logAddExp($1.blank, $1.nonBlank) }
                next.removeSubrange(beamWidth...)
            }
            swap(&beam, &next)
        }
        return beam
            .map { (labels: trie.labels(of: $0.node), logScore: logAddExp($0.blank, $0.nonBlank)) }
            .sorted { $0.logScore > $1.logScore }
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
