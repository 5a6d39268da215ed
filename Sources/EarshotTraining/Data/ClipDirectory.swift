import EarshotAudio
import Foundation

/// Labelled clips in a directory, in one of two layouts:
/// - folder per word, as Speech Commands has it: `DIR/yes/a.wav` is "yes" (folders whose names
///   start with `_`, such as `_background_noise_`, are not words and are left out);
/// - FSDD names: `DIR/7_jackson_32.wav` is "seven" (`{digit}_{speaker}_{take}`).
/// A directory with audio sub-folders (or symbolic links to folders) is read as folder-per-word;
/// otherwise files are read by name. Audio files are those `AudioFileSearch` finds (by extension).
public enum ClipDirectory {
    /// English names of the digits, for FSDD-style names.
    public static let digitWords = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"]

    public static func load(_ directory: URL, issues: inout DataIssueLog, strict: Bool = false)
        throws(DataError) -> [LabeledClip]
    {
        let entries = try contents(of: directory)
        let folders = entries.filter { isDirectory($0) && !$0.lastPathComponent.hasPrefix("_") }
        var wordFolders: [URL] = []
        for folder in folders where try contents(of: folder).contains(where: isAudio) {
            wordFolders.append(folder)
        }
        var clips: [LabeledClip] = []
        if wordFolders.isEmpty {
            for file in entries where isAudio(file) {
                guard let word = fsddWord(file.lastPathComponent) else {
                    try issues.record(
                        DataIssue(.unlabeled, location: file.path, detail: "expected {digit}_{speaker}_{take}"),
                        strict: strict)
                    continue
                }
                clips.append(LabeledClip(audioURL: file, words: [word]))
            }
        } else {
            for folder in wordFolders {
                let words = LabeledClip.words(of: folder.lastPathComponent)
                for file in try contents(of: folder) where isAudio(file) {
                    clips.append(LabeledClip(audioURL: file, words: words))
                }
            }
        }
        return clips
    }

    /// "seven" for `7_jackson_32.wav`; nil when the name is not `{digit}_{speaker}_{take}.ext`.
    public static func fsddWord(_ fileName: String) -> String? {
        let stem = fileName.split(separator: ".").first ?? ""
        let parts = stem.split(separator: "_", omittingEmptySubsequences: false)
        guard parts.count >= 3, let digit = Int(parts[0]), (0...9).contains(digit), parts[0].count == 1,
            Int(parts[parts.count - 1]) != nil, !parts[1].isEmpty
        else { return nil }
        return digitWords[digit]
    }

    private static func contents(of directory: URL) throws(DataError) -> [URL] {
        do {
            // By path: the URL form lists nothing for a symbolic link to a folder (on Linux).
            return try FileManager.default.contentsOfDirectory(atPath: directory.path)
                .filter { !$0.hasPrefix(".") }.sorted().map { directory.appendingPathComponent($0) }
        } catch {
            throw .unreadable(path: directory.path, reason: "not a readable directory")
        }
    }

    /// True for a directory or a symbolic link to one (a word folder may link to clips elsewhere).
    private static func isDirectory(_ url: URL) -> Bool {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) && isDirectory.boolValue
    }

    private static func isAudio(_ url: URL) -> Bool {
        AudioFileSearch.isAudioFileName(url.lastPathComponent) && !isDirectory(url)
    }
}
