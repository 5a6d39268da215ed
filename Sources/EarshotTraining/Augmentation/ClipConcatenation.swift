import EarshotFeatures

/// Joins several clips into one utterance with short random silences (faint noise, see `Silence`)
/// between them, so a set of
/// isolated words also teaches the model connected speech ("three one four").
public struct ClipConcatenation: Sendable {
    public struct Options: Codable, Sendable, Equatable {
        /// Fraction of training items per epoch that are such sequences; 0 turns this off.
        public var probability = 0.5
        /// Fewest clips in a sequence.
        public var minClips = 2
        /// Most clips in a sequence.
        public var maxClips = 7
        /// Shortest silence between clips, in seconds.
        public var minSilence = 0.1
        /// Longest silence between clips, in seconds.
        public var maxSilence = 0.3
        public init() {}

        /// Stored options decode with the defaults above for missing fields.
        public init(from decoder: any Decoder) throws {
            self.init()
            let c = try decoder.container(keyedBy: CodingKeys.self)
            try c.decodeIfPresent(into: &probability, forKey: .probability)
            try c.decodeIfPresent(into: &minClips, forKey: .minClips)
            try c.decodeIfPresent(into: &maxClips, forKey: .maxClips)
            try c.decodeIfPresent(into: &minSilence, forKey: .minSilence)
            try c.decodeIfPresent(into: &maxSilence, forKey: .maxSilence)
        }
    }

    public var options: Options

    public init(options: Options = Options()) { self.options = options }

    /// Indices of the clips for one sequence: between minClips and maxClips of `0..<clipCount`, with repeats.
    public func drawSequence(from clipCount: Int, using generator: inout some RandomNumberGenerator) -> [Int] {
        let length = Int.random(in: options.minClips...max(options.minClips, options.maxClips), using: &generator)
        return (0..<length).map { _ in Int.random(in: 0..<clipCount, using: &generator) }
    }

    /// The pieces (at `sampleRate`) in order, with a silence of random length between each two.
    public func join(_ pieces: [[Float]], sampleRate: Int, using generator: inout some RandomNumberGenerator) -> [Float] {
        var joined: [Float] = []
        joined.reserveCapacity(pieces.reduce(0) { $0 + $1.count } + pieces.count * Int(options.maxSilence * Double(sampleRate)))
        for (index, piece) in pieces.enumerated() {
            if index > 0 {
                let seconds = Double.random(in: options.minSilence...max(options.minSilence, options.maxSilence), using: &generator)
                joined += Silence.make(Int(seconds * Double(sampleRate)), using: &generator)
            }
            joined += piece
        }
        return joined
    }
}
