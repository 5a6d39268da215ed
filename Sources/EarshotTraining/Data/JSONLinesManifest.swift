import Foundation

/// A manifest in JSON Lines, one clip per line, as NeMo and PaddleSpeech write them:
/// `{"audio_filepath": "clips/a.wav", "text": "yes no", "duration": 1.2}`.
/// Relative paths are relative to the manifest's directory; blank lines are ignored.
public enum JSONLinesManifest {
    private struct Line: Decodable {
        var audio_filepath: String
        var text: String
        var duration: Double?
    }

    /// The clips a manifest lists. A line that is not such an object is a one-line error naming
    /// the manifest and line; an empty transcript is an issue (skipped, or fatal when `strict`)
    /// unless `keepingEmpty` (evaluation: a clip without speech should be recognised as nothing).
    public static func load(_ url: URL, issues: inout DataIssueLog, strict: Bool = false, keepingEmpty: Bool = false)
        throws(DataError) -> [LabeledClip]
    {
        let contents: String
        do { contents = try String(contentsOf: url, encoding: .utf8) } catch {
            throw .unreadable(path: url.path, reason: error.localizedDescription)
        }
        let directory = url.deletingLastPathComponent()
        var clips: [LabeledClip] = []
        let lines = contents.split(separator: "\n", omittingEmptySubsequences: false)
        for (index, text) in lines.enumerated() {
            let number = index + 1
            let location = "\(url.path):\(number)"
            guard !text.allSatisfy(\.isWhitespace) else { continue }
            let line: Line
            do { line = try JSONDecoder().decode(Line.self, from: Data(text.utf8)) } catch {
                throw .malformedLine(path: url.path, line: number, reason: describe(error))
            }
            guard !line.audio_filepath.isEmpty else {
                throw .malformedLine(path: url.path, line: number, reason: "empty audio_filepath")
            }
            let words = LabeledClip.words(of: line.text)
            if words.isEmpty && !keepingEmpty {
                try issues.record(DataIssue(.emptyTranscript, location: location), strict: strict)
                continue
            }
            let audio = line.audio_filepath.hasPrefix("/")
                ? URL(fileURLWithPath: line.audio_filepath)
                : directory.appendingPathComponent(line.audio_filepath)
            clips.append(LabeledClip(
                audioURL: audio.standardizedFileURL, words: words, duration: line.duration,
                listedIn: url.path, line: number))
        }
        return clips
    }

    /// Writes `clips` as a manifest at `url`, with paths relative to its directory when they lie below it.
    public static func write(_ clips: [LabeledClip], to url: URL) throws {
        let base = url.deletingLastPathComponent().standardizedFileURL.path + "/"
        var lines = ""
        for clip in clips {
            let path = clip.audioURL.standardizedFileURL.path
            var object: [String: Any] = [
                "audio_filepath": path.hasPrefix(base) ? String(path.dropFirst(base.count)) : path,
                "text": clip.text,
            ]
            if let duration = clip.duration { object["duration"] = duration }
            let data = try JSONSerialization.data(
                withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])
            lines += String(decoding: data, as: UTF8.self) + "\n"
        }
        try Data(lines.utf8).write(to: url, options: .atomic)
    }

    /// A decoding error in a few words: which field is missing or has the wrong type.
    private static func describe(_ error: Error) -> String {
        switch error as? Swift.DecodingError {
        case .keyNotFound(let key, _): "missing field \"\(key.stringValue)\""
        case .typeMismatch(_, let context), .valueNotFound(_, let context):
            "field \"\(context.codingPath.map(\.stringValue).joined(separator: "."))\" has the wrong type"
        case .dataCorrupted: "not a JSON object"
        default: "\(error)"
        }
    }
}
