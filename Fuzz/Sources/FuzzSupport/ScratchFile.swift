import Foundation

/// A file in the temporary directory, rewritten with each input, for the parsers that read from
/// a path. Its name holds the process id, so parallel fuzzers never share one; it is removed when
/// the process exits.
public struct ScratchFile: Sendable {
    public let path: String

    /// `name` ends the file name (its extension matters to parsers that look at it).
    public init(name: String) {
        path = NSTemporaryDirectory() + "earshot-fuzz-\(getpid())-\(name)"
        ScratchFile.removeAtExit(path)
    }

    /// Replaces the file's contents with `bytes`; returns the path.
    @discardableResult
    public func write(_ bytes: [UInt8]) -> String {
        FileManager.default.createFile(atPath: path, contents: Data(bytes))
        return path
    }

    private nonisolated(unsafe) static var paths: [String] = []

    private static func removeAtExit(_ path: String) {
        if paths.isEmpty {
            atexit { for path in ScratchFile.paths { _ = try? FileManager.default.removeItem(atPath: path) } }
        }
        paths.append(path)
    }
}
