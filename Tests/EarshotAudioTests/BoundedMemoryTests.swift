import EarshotTestSupport
import Foundation
import Testing

@testable import EarshotAudio

/// Streaming holds a bounded number of samples however long the input: 10 minutes of 8 kHz
/// input resampled to 16 kHz, read in 100 ms chunks, never holds more than two chunks plus one
/// decode block's output.
@Test func chunkAssemblerMemoryStaysBounded() throws {
    let blockFrames = 8192
    let chunk = 1600
    var assembler = try ChunkAssembler(inputRate: 8000, outputRate: 16_000, label: "long stream")
    let block = UnsafeMutableBufferPointer<Float>.allocate(capacity: blockFrames)
    defer { block.deallocate() }
    for i in 0..<blockFrames { block[i] = 0.5 * sin(Float(i) * 0.1) }
    var blocksLeft = 600 * 8000 / blockFrames
    var total = 0
    var mostHeld = 0
    while let piece = try assembler.next(
        maxSamples: chunk,
        produce: {
            guard blocksLeft > 0 else { return nil }
            blocksLeft -= 1
            return UnsafeBufferPointer(block)
        })
    {
        total += piece.count
        mostHeld = max(mostHeld, assembler.heldSamples)
    }
    #expect(total == 2 * (600 * 8000 / blockFrames) * blockFrames)
    #expect(mostHeld <= 2 * chunk + 2 * blockFrames + 64, "held \(mostHeld) samples")
}

/// Folders are searched recursively for audio extensions; files named directly are kept.
@Test func audioFileSearchFindsAudioInFolders() throws {
    let root = try Fixtures.temporaryDirectory("earshot-audio-search")
    defer { try? FileManager.default.removeItem(at: root) }
    try FileManager.default.createDirectory(
        at: root.appendingPathComponent("b/c"), withIntermediateDirectories: true)
    for name in ["a.wav", "b/c/d.FLAC", "b/e.ogg", "b/notes.txt", "b/c/f.json"] {
        try Data().write(to: root.appendingPathComponent(name))
    }
    let found = try AudioFileSearch.find([root.path, root.appendingPathComponent("b/notes.txt").path])
    #expect(found == ["a.wav", "b/c/d.FLAC", "b/e.ogg", "b/notes.txt"].map { root.path + "/" + $0 })
    #expect(throws: AudioError.fileNotFound(root.path + "/missing")) {
        try AudioFileSearch.find([root.path + "/missing"])
    }
}

/// A symbolic link to a folder is searched like a folder (named through the link); a link back up
/// the tree is searched once, and a broken link is skipped.
@Test func audioFileSearchFollowsLinksToFolders() throws {
    let root = try Fixtures.temporaryDirectory("earshot-audio-search-links")
    defer { try? FileManager.default.removeItem(at: root) }
    let files = FileManager.default
    try files.createDirectory(at: root.appendingPathComponent("elsewhere"), withIntermediateDirectories: true)
    try files.createDirectory(at: root.appendingPathComponent("data"), withIntermediateDirectories: true)
    for name in ["elsewhere/a.wav", "data/b.w64"] { try Data().write(to: root.appendingPathComponent(name)) }
    let data = root.appendingPathComponent("data")
    try files.createSymbolicLink(at: data.appendingPathComponent("linked"), withDestinationURL: root.appendingPathComponent("elsewhere"))
    try files.createSymbolicLink(at: data.appendingPathComponent("loop"), withDestinationURL: data)
    try files.createSymbolicLink(at: data.appendingPathComponent("gone.wav"), withDestinationURL: root.appendingPathComponent("missing.wav"))
    #expect(try AudioFileSearch.find([data.path]) == [data.path + "/b.w64", data.path + "/linked/a.wav"])
}
