import Foundation

/// Finds audio files among paths that may be files or folders (searched recursively, through
/// symbolic links to folders too), by the file-name extensions of the formats libsndfile reads.
public enum AudioFileSearch {
    /// File extensions read as audio, here and by `earshot train` on a folder of clips.
    public static let extensions: Set<String> = [
        "wav", "wave", "flac", "ogg", "oga", "opus", "aif", "aiff", "aifc", "au", "snd", "caf", "w64", "rf64",
        "mp3",
    ]

    /// True when the file name ends in one of `extensions` (any case).
    public static func isAudioFileName(_ name: String) -> Bool {
        extensions.contains((name as NSString).pathExtension.lowercased())
    }

    /// Files given directly are kept whatever their extension; folders contribute their audio
    /// files, sorted by path. Throws `AudioError.fileNotFound` for a path that does not exist.
    public static func find(_ paths: [String]) throws -> [String] {
        var found: [String] = []
        for path in paths {
            guard let isFolder = kind(of: path) else { throw AudioError.fileNotFound(path) }
            guard isFolder else {
                found.append(path)
                continue
            }
            var inFolder: [String] = []
            var visited: Set<String> = []
            collect(in: path.hasSuffix("/") ? String(path.dropLast()) : path, into: &inFolder, visited: &visited)
            found += inFolder.sorted()
        }
        return found
    }

    /// The audio files under `folder`, named through `folder` (links are followed, not resolved in
    /// the names); a folder reached twice (a link back up the tree) is searched once.
    private static func collect(in folder: String, into files: inout [String], visited: inout Set<String>) {
        guard visited.insert((folder as NSString).resolvingSymlinksInPath).inserted,
            let names = try? FileManager.default.contentsOfDirectory(atPath: folder)
        else { return }
        for name in names {
            let path = folder + "/" + name
            switch kind(of: path) {
            case true?: collect(in: path, into: &files, visited: &visited)
            case false?: if isAudioFileName(name) { files.append(path) }
            case nil: continue  // a broken link
            }
        }
    }

    /// true for a folder (or a link to one), false for a file, nil when nothing is there.
    private static func kind(of path: String) -> Bool? {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) else { return nil }
        return isFolder.boolValue
    }
}
