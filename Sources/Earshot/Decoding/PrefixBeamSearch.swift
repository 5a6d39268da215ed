import EarshotNN
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
    public let topology: CTCTopology

    public init(beamWidth: Int, symbolThreshold: Float = 0, topology: CTCTopology = CTCTopology()) {
        precondition(beamWidth >= 1, "beam width must be at least 1")
        self.beamWidth = beamWidth
        self.symbolThreshold = symbolThreshold
        self.topology = topology
    }

    /// The surviving prefixes after the last frame, most probable first, with log P(labels | audio).
    public func search(_ logProbs: LogProbMatrix) -> [(labels: [Int], logScore: Float)] {
        let classes = logProbs.classes
        let floor = symbolThreshold > 0 ? log(symbolThreshold) : -.infinity
        let blankSymbol = topology.blank
        var trie = PrefixTrie(rootLabel: blankSymbol)
        // The beam: trie nodes with log pb (paths ending in blank) and log pnb (ending in the last label).
        var nodes = [PrefixTrie.root]
        var blank: [Float] = [0]
        var nonBlank: [Float] = [-.infinity]
        // Candidates of the next frame, in slots: slot i is beam prefix i itself; slot
        // width + i·classes + c is prefix i extended by c, unless that extension is itself in the
        // beam (prefix j), when it is redirected to slot j so both paths sum into one prefix.
        var nextBlank: [Float] = []
        var nextNonBlank: [Float] = []
        var redirect: [Int] = []
        for t in 0..<logProbs.frames {
            let width = nodes.count
            let slots = width + width * classes
            nextBlank = [Float](repeating: -.infinity, count: slots)
            nextNonBlank = nextBlank
            redirect = Array(0..<slots)
            for (j, node) in nodes.enumerated() where node != PrefixTrie.root {
                if let i = nodes.firstIndex(of: trie.parent(of: node)) {
                    redirect[width + i * classes + trie.label(of: node)] = j
                }
            }
            let row = t * classes
            for i in 0..<width {
                let total = logAddExp(blank[i], nonBlank[i])
                let last = trie.label(of: nodes[i])
                nextBlank[i] = logAddExp(nextBlank[i], total + logProbs.values[row + blankSymbol])
                for symbol in 0..<classes where symbol != blankSymbol {
                    let p = logProbs.values[row + symbol]
                    if p == -.infinity || p < floor { continue }
                    let extended = redirect[width + i * classes + symbol]
                    if topology.startsLabel(symbol, after: last) {
                        nextNonBlank[extended] = logAddExp(nextNonBlank[extended], total + p)
                    } else {
                        // A repeat only extends the prefix across a blank; otherwise it merges.
                        nextNonBlank[extended] = logAddExp(nextNonBlank[extended], blank[i] + p)
                        nextNonBlank[i] = logAddExp(nextNonBlank[i], nonBlank[i] + p)
                    }
                }
            }
            // Keep the most probable; only survivors become nodes of the trie.
            let totals = (0..<slots).map { logAddExp(nextBlank[$0], nextNonBlank[$0]) }
            let survivors = Self.largest(beamWidth, of: totals)
            let previous = nodes
            nodes = survivors.map { slot in
                slot < width ? previous[slot] : trie.child(of: previous[(slot - width) / classes], label: (slot - width) % classes)
            }
            blank = survivors.map { nextBlank[$0] }
            nonBlank = survivors.map { nextNonBlank[$0] }
        }
        return nodes.indices
            .map { (labels: trie.labels(of: nodes[$0]), logScore: logAddExp(blank[$0], nonBlank[$0])) }
            .sorted { $0.logScore > $1.logScore }
    }

    /// The indices of the `k` largest finite values, largest first (insertion into a short sorted list).
    static func largest(_ k: Int, of values: [Float]) -> [Int] {
        var top: [Int] = []
        top.reserveCapacity(k + 1)
        for (index, value) in values.enumerated() where value > -.infinity {
            if top.count == k, value <= values[top[k - 1]] { continue }
            var position = top.count
            while position > 0, values[top[position - 1]] < value { position -= 1 }
            top.insert(index, at: position)
            if top.count > k { top.removeLast() }
        }
        return top
    }
}

/// Prefixes as nodes of a tree, so a prefix is one integer to hash and extending it costs O(1).
struct PrefixTrie {
    static let root = 0
    private var parent: [Int] = [-1]
    private var lastLabel: [Int]
    private var children: [Int: Int] = [:]  // key: node << 32 | label

    /// `rootLabel`: the empty prefix's "last label", the blank, after which every label is new.
    init(rootLabel: Int) { lastLabel = [rootLabel] }

    /// The prefix's last label, or the blank for the empty prefix.
    func label(of node: Int) -> Int { lastLabel[node] }

    func parent(of node: Int) -> Int { parent[node] }

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
