import Foundation

/// Finds audio files among paths that may be files or folders (searched recursively), by the
/// file-name extensions of the formats libsndfile reads.
public enum AudioFileSearch {
    public static let extensions: Set<String> = [
        "wav", "wave", "flac", "ogg", "oga", "opus", "aif", "aiff", "aifc", "au", "snd", "caf", "w64", "rf64",
        "mp3",
    ]

    /// Files given directly are kept whatever their extension; folders contribute their audio
    /// files, sorted by path. Throws `AudioError.fileNotFound` for a path that does not exist.
    public static func find(_ paths: [String]) throws -> [String] {
        var found: [String] = []
        for path in paths {
            var isFolder: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) else {
                throw AudioError.fileNotFound(path)
            }
            guard isFolder.boolValue else {
                found.append(path)
                continue
            }
            let folder = path.hasSuffix("/") ? String(path.dropLast()) : path
            var inFolder: [String] = []
            let enumerator = FileManager.default.enumerator(atPath: path)
            while let relative = enumerator?.nextObject() as? String {
                let file = folder + "/" + relative
                guard extensions.contains((relative as NSString).pathExtension.lowercased()),
                    FileManager.default.fileExists(atPath: file, isDirectory: &isFolder), !isFolder.boolValue
                else { continue }
                inFolder.append(file)
            }
            found += inFolder.sorted()
        }
        return found
    }
}
