import EarshotAudio
import EarshotTestSupport
import Foundation
import Testing

/// FLAC files damaged as the fuzzer damaged them (Fuzz/Regressions/FuzzSoundFile): reading one
/// whole and reading it in chunks end the same way, with a one-line error or the same samples.
final class CorruptFLACTests {
    let directory: URL
    init() throws { directory = try Fixtures.temporaryDirectory("earshot-corrupt-flac") }
    deinit { try? FileManager.default.removeItem(at: directory) }

    /// The stereo 44.1 kHz sample (22,276 frames) with `damage` applied, written to `name`.
    func damaged(_ name: String, _ damage: (inout [UInt8]) -> Void) throws -> String {
        let sample = Fixtures.audioSamples.appendingPathComponent("4_george_7_44k_stereo.flac")
        var bytes = [UInt8](try Data(contentsOf: sample))
        damage(&bytes)
        let url = directory.appendingPathComponent(name)
        try Data(bytes).write(to: url)
        return url.path
    }

    /// The sample count, or the error's line.
    func outcome(_ read: () throws -> [Float]) -> String {
        do { return "\(try read().count) samples" } catch { return "\(error)" }
    }

    func readInChunks(_ path: String) throws -> [Float] {
        let reader = try AudioFileChunkReader(path: path)
        var samples: [Float] = []
        while let chunk = try reader.read(maxSamples: 1000) { samples += chunk }
        return samples
    }

    /// 64 bytes of garbage inside the audio: libsndfile loses sync and flags it on a read that
    /// still returns frames. A whole read failed while a chunked read returned the garbage.
    @Test func lostSyncIsTheSameErrorWholeAndInChunks() throws {
        let path = try damaged("lost-sync.flac") { bytes in
            for i in 3000..<3064 { bytes[i] = UInt8(truncatingIfNeeded: i * 37) }
        }
        let error = "\(path): not a readable audio file: decoding failed in frames 0–8191: flac decoder lost sync"
        #expect(outcome { try AudioReader.read(path).samples } == error)
        #expect(outcome { try readInChunks(path) } == error)
    }

    /// STREAMINFO's 36-bit sample count set to 2^36 − 1 in a 9 KB file: reading it allocated
    /// 512 GB for the samples the header declares, and crashed.
    @Test func headerDeclaring2To36FramesReadsWhatDecodes() throws {
        let path = try damaged("huge.flac") { bytes in
            // STREAMINFO starts at byte 8; its count is the low 4 bits of its byte 13 and bytes 14–17
            bytes[8 + 13] |= 0x0F
            for i in (8 + 14)..<(8 + 18) { bytes[i] = 0xFF }
        }
        #expect(try AudioReader.info(path).frames == (1 << 36) - 1)
        let whole = outcome { try AudioReader.read(path).samples }
        #expect(whole == outcome { try readInChunks(path) })
        #expect(whole == "22276 samples")
    }
}
