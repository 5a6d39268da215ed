import EarshotTestSupport
import Foundation
import Testing

@testable import EarshotAudio

struct WAVWriterTests {
    /// 16-bit samples read from a file are written back bit for bit; float32 keeps any value.
    @Test func roundTripsBothEncodings() throws {
        let directory = try Fixtures.temporaryDirectory("earshot-audio-writer")
        defer { try? FileManager.default.removeItem(at: directory) }
        let source = try AudioReader.read(SoundFixtures.fsddFile)
        let pcm = directory.appendingPathComponent("copy.wav").path
        try WAVWriter.write(source.samples, sampleRate: source.sampleRate, to: pcm)
        #expect(try AudioReader.read(pcm) == source)
        #expect(try Data(contentsOf: URL(fileURLWithPath: pcm)).count == 44 + 2 * source.samples.count)

        let floats: [Float] = [0, 0.1, -0.333, 1.5, -2, 1e-9]
        let float = directory.appendingPathComponent("float.wav").path
        try WAVWriter.write(floats, sampleRate: 22_050, to: float, encoding: .float32)
        #expect(try AudioReader.read(float) == Audio(samples: floats, sampleRate: 22_050))
        #expect(try AudioReader.info(float).encoding == "float 32-bit")
        // Only the two finished files remain: the temporary was renamed, not left behind.
        #expect(
            try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted() == [
                "copy.wav", "float.wav",
            ])
    }

    /// 16-bit output rounds x·32768 and clips to the int16 range.
    @Test func pcm16RoundsAndClips() throws {
        let directory = try Fixtures.temporaryDirectory("earshot-audio-clip")
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("clip.wav").path
        try WAVWriter.write([1.5, -1.5, 0.25 + 0.4 / 32768, 1, -1], sampleRate: 8000, to: path)
        #expect(try AudioReader.read(path).samples == [32767 / 32768, -1, 0.25, 32767 / 32768, -1])
    }

    @Test func unwritableDirectoryFails() {
        let path = "/nonexistent-dir/out.wav"
        let error = #expect(throws: WAVWriter.WriteFailed.self) { try WAVWriter.write([0], sampleRate: 8000, to: path) }
        #expect(error?.path == path)
    }
}
