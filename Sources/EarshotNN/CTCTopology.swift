/// CTC's topology (Graves et al. 2006), written once for the loss, the alignment and the decoders.
///
/// A path gives one symbol per frame; it spells the label sequence left after merging runs of
/// one symbol and dropping blanks (`collapse`). The paths that spell labels l = (l₁, …, l_L) are
/// those through the extended sequence l' = (blank, l₁, blank, l₂, …, l_L, blank) of 2L + 1
/// states that start in state 0 or 1, end in state 2L or 2L − 1, and step from state s to s, to
/// s + 1, or to s + 2 when the skip rule allows it (`canSkip(into:of:)`).
public struct CTCTopology: Sendable, Equatable {
    /// The blank's symbol index (0 in Earshot's vocabularies).
    public let blank: Int

    public init(blank: Int = 0) {
        self.blank = blank
    }

    /// Whether `symbol`, following `previous` on a path, starts a new label: it is not the blank
    /// and does not repeat `previous` (a repeat merges into it).
    @inlinable
    public func startsLabel(_ symbol: Int, after previous: Int) -> Bool {
        symbol != blank && symbol != previous
    }

    /// l' = (blank, l₁, blank, l₂, …, l_L, blank).
    public func extended(_ labels: [Int]) -> [Int] {
        var states = [blank]
        states.reserveCapacity(2 * labels.count + 1)
        for label in labels { states += [label, blank] }
        return states
    }

    /// The skip rule: state s of `extended` may be entered from s − 2, skipping the blank between
    /// them, when l'_s starts a label after l'_{s−2} (it is a label unlike the one before).
    public func canSkip(into s: Int, of extended: [Int]) -> Bool {
        s >= 2 && startsLabel(extended[s], after: extended[s - 2])
    }

    /// The labels a path spells: runs merged, then blanks removed (`a a − a b b` → `a a b`).
    public func collapse(_ path: [Int]) -> [Int] {
        var labels: [Int] = []
        var previous = blank
        for symbol in path {
            if startsLabel(symbol, after: previous) { labels.append(symbol) }
            previous = symbol
        }
        return labels
    }

    /// The fewest frames a path spelling `labels` needs: one per label, plus a blank between two
    /// equal neighbours (L + repeats).
    public func minimumFrames(for labels: [Int]) -> Int {
        labels.count + zip(labels, labels.dropFirst()).count(where: { !startsLabel($1, after: $0) })
    }
}
