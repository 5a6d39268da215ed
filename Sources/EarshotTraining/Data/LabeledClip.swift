import Foundation

/// One audio file and the words spoken in it.
public struct LabeledClip: Sendable, Hashable, Codable {
    /// The audio file (any format libsndfile reads).
    public var audioURL: URL
    /// The transcript as words: lower-cased, split on white space.
    public var words: [String]
    /// Seconds of audio, when the manifest states it.
    public var duration: Double?
    /// The manifest that listed the clip, or the audio path when it came from a directory.
    public var listedIn: String
    /// The manifest line that listed the clip (1-based).
    public var line: Int?

    public init(audioURL: URL, words: [String], duration: Double? = nil, listedIn: String? = nil, line: Int? = nil) {
        self.audioURL = audioURL
        self.words = words
        self.duration = duration
        self.listedIn = listedIn ?? audioURL.path
        self.line = line
    }

    /// `manifest.jsonl:12` for a manifest line, else the audio path: where errors point.
    public var location: String { line.map { "\(listedIn):\($0)" } ?? listedIn }

    /// The transcript as one string, words separated by single spaces.
    public var text: String { words.joined(separator: " ") }

    /// Splits a transcript into words the way every layout does: lower-cased, on white space.
    public static func words(of text: String) -> [String] {
        text.lowercased().split(whereSeparator: \.isWhitespace).map(String.init)
    }
}
