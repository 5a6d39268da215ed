import EarshotTraining
import FuzzSupport
import Foundation

/// Clip names as a folder of clips gives them: each line of the input is a file name, or
/// `folder/file` for the folder-per-word layout. The names go through `fsddWord` and
/// `LabeledClip.words`, then become empty files of a fresh directory that `ClipDirectory.load` reads.
let root = NSTemporaryDirectory() + "earshot-fuzz-\(getpid())-clips"

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzClipNames(_ data: UnsafeRawPointer, _ count: Int) -> CInt {
    let text = String(decoding: UnsafeRawBufferPointer(start: data, count: count), as: UTF8.self)
    let names = text.split(separator: "\n").prefix(16).map(String.init)
    for name in names {
        _ = ClipDirectory.fsddWord(name)
        _ = LabeledClip.words(of: name)
    }
    let files = FileManager.default
    try? files.removeItem(atPath: root)
    defer { try? files.removeItem(atPath: root) }
    guard (try? files.createDirectory(atPath: root, withIntermediateDirectories: false)) != nil else { return 0 }
    for name in names {
        let parts = name.split(separator: "/", maxSplits: 1).map(String.init)
        // a name the file system refuses (too long, NUL) is skipped: only the loader is under test
        guard parts.allSatisfy({ $0 != "." && $0 != ".." && !$0.contains("\0") }) else { continue }
        if parts.count == 2 {
            try? files.createDirectory(atPath: root + "/" + parts[0], withIntermediateDirectories: false)
        }
        _ = files.createFile(atPath: root + "/" + parts.joined(separator: "/"), contents: nil)
    }
    var issues = DataIssueLog()
    _ = try? ClipDirectory.load(URL(fileURLWithPath: root), issues: &issues)
    return 0
}
