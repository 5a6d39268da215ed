/// The model's output symbols: index 0 is the CTC blank `<blank>`, the words follow in sorted order.
public struct Vocabulary: Sendable, Hashable, Codable {
    public static let blank = "<blank>"

    /// Every symbol, the blank first.
    public let symbols: [String]
    private let indexOfSymbol: [String: Int]

    /// A vocabulary of `words` (duplicates and any blank dropped), sorted, after the blank.
    public init(words: some Sequence<String>) {
        let unique = Set(words).subtracting([Self.blank]).sorted()
        symbols = [Self.blank] + unique
        indexOfSymbol = Dictionary(uniqueKeysWithValues: symbols.enumerated().map { ($1, $0) })
    }

    /// The vocabulary of every word in `clips`.
    public init(collectingFrom clips: [LabeledClip]) {
        self.init(words: clips.lazy.flatMap(\.words))
    }

    /// The words, without the blank.
    public var words: ArraySlice<String> { symbols.dropFirst() }
    /// Symbols including the blank: the network's output size.
    public var count: Int { symbols.count }

    public subscript(index: Int) -> String { symbols[index] }

    public func index(of word: String) -> Int? { indexOfSymbol[word] }

    /// The label indices of `clip`'s words; an unknown word is an error naming where the clip is
    /// listed and, as `words`, what this vocabulary is.
    public func labels(for clip: LabeledClip, words: DataError.WordList) throws(DataError) -> [Int] {
        try clip.words.map { word throws(DataError) in
            guard let index = indexOfSymbol[word] else {
                throw .unknownWord(path: clip.listedIn, line: clip.line, word: word, words: words)
            }
            return index
        }
    }

    private enum CodingKeys: String, CodingKey { case symbols }

    public init(from decoder: any Decoder) throws {
        let symbols = try decoder.container(keyedBy: CodingKeys.self).decode([String].self, forKey: .symbols)
        self.init(words: symbols)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(symbols, forKey: .symbols)
    }

    public static func == (a: Vocabulary, b: Vocabulary) -> Bool { a.symbols == b.symbols }
    public func hash(into hasher: inout Hasher) { hasher.combine(symbols) }
}
