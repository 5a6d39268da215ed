import Foundation

/// Where labelled clips come from: a JSON Lines manifest, or a directory (folder per word, or
/// FSDD-style names). `load` decides by what the path is.
public enum ClipSource {
    /// The clips at `path`: a directory is read by `ClipDirectory`, a file as a JSON Lines manifest.
    /// A source without any usable clip is an error. `keepingEmpty` keeps manifest lines with empty
    /// transcripts (see `JSONLinesManifest.load`).
    public static func load(_ path: String, issues: inout DataIssueLog, strict: Bool = false, keepingEmpty: Bool = false)
        throws(DataError) -> [LabeledClip]
    {
        let url = URL(fileURLWithPath: path).standardizedFileURL
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) else {
            throw .unreadable(path: path, reason: "no such file or directory")
        }
        let clips = isDirectory.boolValue
            ? try ClipDirectory.load(url, issues: &issues, strict: strict)
            : try JSONLinesManifest.load(url, issues: &issues, strict: strict, keepingEmpty: keepingEmpty)
        guard !clips.isEmpty else { throw .noClips(path: path) }
        return clips
    }
}
