import Foundation

/// Paths the tests read from: the package root, its `audio-samples/`, and the reference
/// material in `../shared` (golden vectors from PyTorch and Kaldi-compatible tools, FSDD).
public enum Fixtures {
    /// The package root, found from this file's location (`Tests/EarshotTestSupport/`).
    public static let packageRoot: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// `../shared` beside the package root.
    public static let shared: URL = packageRoot.deletingLastPathComponent()
        .appendingPathComponent("shared")

    public static let golden: URL = shared.appendingPathComponent("golden")
    public static let fsddRecordings: URL = shared.appendingPathComponent("data/fsdd/recordings")
    public static let audioSamples: URL = packageRoot.appendingPathComponent("audio-samples")

    /// A fresh empty directory under the system's temporary directory.
    public static func temporaryDirectory(_ label: String = "earshot-test") throws -> URL {
        let url = FileManager.default.temporaryDirectory
            .appendingPathComponent("\(label)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}
