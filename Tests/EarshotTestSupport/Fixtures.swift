import Foundation

/// Paths the tests read from, all inside the package: its `audio-samples/`, and `Tests/Fixtures/`
/// (golden vectors from PyTorch and Kaldi-compatible tools, and the FSDD clips they were computed
/// on). `Tests/Fixtures/` keeps the reference material's own layout, so a golden file's `wav` path
/// resolves against it; `Tests/Fixtures/README.md` says where each file comes from and
/// `Scripts/golden/make-golden.py` regenerates the golden files.
public enum Fixtures {
    /// The package root, found from this file's location (`Tests/EarshotTestSupport/`).
    public static let packageRoot: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// `Tests/Fixtures/`: the root that golden files' relative `wav` paths are resolved against.
    public static let root: URL = packageRoot.appendingPathComponent("Tests/Fixtures")

    public static let golden: URL = root.appendingPathComponent("golden")
    /// A few FSDD recordings (CC BY-SA 4.0), two from each of the five speakers.
    public static let fsddRecordings: URL = root.appendingPathComponent("data/fsdd/recordings")
    public static let audioSamples: URL = packageRoot.appendingPathComponent("audio-samples")

    /// A fresh empty directory under the system's temporary directory.
    public static func temporaryDirectory(_ label: String = "earshot-test") throws -> URL {
        let url = FileManager.default.temporaryDirectory
            .appendingPathComponent("\(label)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}
