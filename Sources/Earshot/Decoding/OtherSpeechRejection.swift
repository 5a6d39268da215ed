/// Drops vocabulary words said among other words.
///
/// The filler (`ModelConfig.filler`) marks speech outside the vocabulary. In running speech the
/// network gives most other words to the filler but now and then takes a syllable for a
/// vocabulary word ("downtown" → *down*), and that word stands alone, away from any filler
/// emission. A phrase, though, rarely holds only vocabulary words by chance: so a word that
/// shares a phrase with a filler emission is taken as part of that other speech and dropped.
/// Phrases are the emissions' spans (`WordTimings.spans`) joined across every gap shorter than
/// `minimumPause` frames; the frames between two consecutive spans widened by `SpeechExtent` are
/// unvoiced, so the gap is the pause between the two words. (Without levels the spans are the
/// emitting frames, and the gaps between spikes stand in for pauses.)
public struct OtherSpeechRejection: Sendable {
    /// The filler's symbol.
    public let filler: Int
    /// The shortest gap, in frames, that ends a phrase.
    public let minimumPause: Int

    /// For each emission (in order, with its span): whether it is a vocabulary word in the same
    /// phrase as a filler emission.
    public func dropped(symbols: [Int], spans: [ClosedRange<Int>]) -> [Bool] {
        var dropped = Array(repeating: false, count: symbols.count)
        var phraseStart = 0
        for end in Array(symbols.indices.dropFirst()) + [symbols.count] {
            let endsPhrase = end == symbols.count || spans[end].lowerBound - spans[end - 1].upperBound - 1 >= minimumPause
            guard endsPhrase else { continue }
            let phrase = phraseStart..<end
            if symbols[phrase].contains(filler) {
                for i in phrase where symbols[i] != filler { dropped[i] = true }
            }
            phraseStart = end
        }
        return dropped
    }
}
