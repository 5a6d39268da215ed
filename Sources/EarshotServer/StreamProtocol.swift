import Earshot
import Foundation

/// Why the server closes a WebSocket: the close code and a one-line reason for the client.
public struct StreamClose: Error, Sendable, Equatable, CustomStringConvertible {
    public var code: UInt16
    public var reason: String

    public init(_ code: UInt16, _ reason: String) {
        self.code = code
        // a close frame's payload is at most 125 bytes, 2 of them the code
        var reason = reason
        while reason.utf8.count > 123 { reason.removeLast() }
        self.reason = reason
    }

    public var description: String { "\(code) \(reason)" }

    public static let normal: UInt16 = 1000
    public static let goingAway: UInt16 = 1001
    public static let unsupportedData: UInt16 = 1003
    public static let invalidPayload: UInt16 = 1007
    public static let policyViolation: UInt16 = 1008
    public static let tooBig: UInt16 = 1009
    public static let tryAgainLater: UInt16 = 1013
}

/// What a client may set with a `{"config": {...}}` text message, Vosk's keys: `sample_rate`
/// (Hz of the PCM that follows), `words` (0/1: word times and confidences in results),
/// `max_alternatives` (n-best list instead of one result), `phrase_list` (phrases whose words are
/// the only ones that may be recognized).
public struct StreamConfig: Sendable, Equatable {
    public var sampleRate: Int
    public var words = true
    public var maxAlternatives = 0
    /// The allowed words (those of `phrase_list` the model knows); nil: the whole vocabulary.
    public var allowedWords: [String]? = nil

    public init(sampleRate: Int) { self.sampleRate = sampleRate }

    /// The most alternatives a client may ask for.
    public static let maxAlternativesLimit = 50

    /// Applies the keys of `object` (the value of `config`); unknown keys are ignored, as Vosk does.
    /// Throws `StreamClose` (1007) for a value of the wrong type or out of range, or a phrase list
    /// with no word of the model's vocabulary.
    public mutating func apply(_ object: [String: Any], vocabulary: [String]) throws {
        func bad(_ key: String, _ problem: String) -> StreamClose {
            StreamClose(StreamClose.invalidPayload, "config: \(key) \(problem)")
        }
        func number(_ key: String) throws -> Double? {
            guard let value = object[key], !(value is NSNull) else { return nil }
            if let string = value as? String {
                guard let parsed = Double(string) else { throw bad(key, "is not a number") }
                return parsed
            }
            if let number = value as? Double { return number }
            if let number = value as? Int { return Double(number) }
            if let number = value as? NSNumber { return number.doubleValue }
            throw bad(key, "is not a number")
        }
        if let rate = try number("sample_rate") {
            guard rate.isFinite, rate >= 1000, rate <= 192_000, rate == rate.rounded() else {
                throw bad("sample_rate", "must be a whole number of Hz within 1000...192000")
            }
            sampleRate = Int(rate)
        }
        if let words = object["words"] {
            if let flag = words as? Bool {
                self.words = flag
            } else if let value = try number("words") {
                self.words = value != 0
            }
        }
        if let alternatives = try number("max_alternatives") {
            guard alternatives >= 0, alternatives <= Double(Self.maxAlternativesLimit), alternatives == alternatives.rounded()
            else { throw bad("max_alternatives", "must be a whole number within 0...\(Self.maxAlternativesLimit)") }
            maxAlternatives = Int(alternatives)
        }
        if let list = object["phrase_list"], !(list is NSNull) {
            guard let phrases = list as? [Any], phrases.allSatisfy({ $0 is String }) else {
                throw bad("phrase_list", "must be a list of strings")
            }
            let known = Set(vocabulary.dropFirst())
            var allowed: [String] = []
            for phrase in phrases as! [String] {
                for word in phrase.lowercased().split(whereSeparator: { $0.isWhitespace }).map(String.init)
                where known.contains(word) && !allowed.contains(word) {
                    allowed.append(word)
                }
            }
            guard !allowed.isEmpty else {
                throw bad("phrase_list", "has no word of the model's vocabulary")
            }
            allowedWords = allowed
        }
    }
}

/// One text message from a client.
public enum ControlMessage {
    case config([String: Any])
    case eof
    case reset

    /// Config messages larger than this are refused (1009).
    public static let maxBytes = 64 * 1024

    /// Parses a text message: a JSON object with `config`, `eof` or `reset`. Throws `StreamClose`
    /// (1009 too large, 1007 not JSON, 1003 none of the three).
    public static func parse(_ text: String) throws -> ControlMessage {
        guard text.utf8.count <= maxBytes else {
            throw StreamClose(StreamClose.tooBig, "text message of \(text.utf8.count) bytes; at most \(maxBytes)")
        }
        guard let json = try? JSONSerialization.jsonObject(with: Data(text.utf8)), let object = json as? [String: Any]
        else { throw StreamClose(StreamClose.invalidPayload, "text message is not a JSON object") }
        if let config = object["config"] {
            guard let fields = config as? [String: Any] else {
                throw StreamClose(StreamClose.invalidPayload, "config must be a JSON object")
            }
            return .config(fields)
        }
        if object["eof"] != nil { return .eof }
        if object["reset"] != nil { return .reset }
        throw StreamClose(StreamClose.unsupportedData, "text message must hold config, eof or reset")
    }
}

/// Signed 16-bit little-endian mono PCM as samples in [-1, 1]. Throws `StreamClose` (1007) for
/// an odd byte count.
func decodePCM(_ bytes: UnsafeRawBufferPointer) throws -> [Float] {
    guard bytes.count % 2 == 0 else {
        throw StreamClose(StreamClose.invalidPayload, "binary message of \(bytes.count) bytes: 16-bit PCM has an even length")
    }
    return (0..<bytes.count / 2).map { i in
        Float(Int16(bitPattern: UInt16(bytes[2 * i]) | UInt16(bytes[2 * i + 1]) << 8)) / 32768
    }
}

/// Vosk's result messages.
enum VoskReply {
    struct Word: Encodable {
        var conf: Float?
        var end: Double
        var start: Double
        var word: String
    }
    struct Final: Encodable {
        var result: [Word]?
        var text: String
    }
    struct Alternative: Encodable {
        var confidence: Float
        var result: [Word]?
        var text: String
    }
    struct Alternatives: Encodable {
        var alternatives: [Alternative]
    }
    struct Partial: Encodable {
        var partial: String
    }

    static func encode(_ value: some Encodable) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try! encoder.encode(value), as: UTF8.self)
    }

    static func partial(_ text: String) -> String { encode(Partial(partial: text)) }

    /// The final result of the utterances one message completed (usually one; several are joined
    /// into one result, their words in order). No utterance: an empty result, as Vosk's.
    static func final(_ utterances: [StreamingUtterance], config: StreamConfig) -> String {
        let words = utterances.flatMap(\.transcript.words)
        let text = utterances.map(\.transcript.text).filter { !$0.isEmpty }.joined(separator: " ")
        let timed = config.words && !words.isEmpty
            ? words.map { Word(conf: $0.confidence, end: $0.end, start: $0.start, word: $0.word) } : nil
        guard config.maxAlternatives > 0 else { return encode(Final(result: timed, text: text)) }
        // n-best: the earlier utterances' text, then each hypothesis of the last one
        let before = utterances.dropLast().map(\.transcript.text).filter { !$0.isEmpty }.joined(separator: " ")
        let hypotheses = utterances.last?.transcript.alternatives ?? []
        var alternatives = hypotheses.prefix(config.maxAlternatives).enumerated().map { index, hypothesis in
            Alternative(
                confidence: hypothesis.logScore,
                result: index == 0 ? timed?.map { Word(end: $0.end, start: $0.start, word: $0.word) } : nil,
                text: [before, hypothesis.text].filter { !$0.isEmpty }.joined(separator: " "))
        }
        if alternatives.isEmpty { alternatives = [Alternative(confidence: 0, result: config.words ? [] : nil, text: text)] }
        return encode(Alternatives(alternatives: alternatives))
    }
}
