import EarshotNN

/// Whether CTC can align a label sequence to a number of frames.
public enum CTCFeasibility {
    /// Frames CTC needs for `labels`: one per label, plus a blank between each two equal
    /// neighbours (L + repeats).
    public static func minimumFrames(for labels: [Int]) -> Int {
        labels.count + zip(labels, labels.dropFirst()).count(where: { !CTCTopology().startsLabel($1, after: $0) })
    }
}
