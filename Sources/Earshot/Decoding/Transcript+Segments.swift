extension Transcript {
    /// The same transcript with every word `seconds` later: from a segment's start to the file's.
    public func shifted(by seconds: Double) -> Transcript {
        var moved = self
        for i in moved.words.indices {
            moved.words[i].start += seconds
            moved.words[i].end += seconds
        }
        return moved
    }
}
