import CSndFile
import EarshotTestSupport
import Foundation
import Testing

@testable import EarshotAudio

/// Every way a file can be bad gives its own one-line typed error, quickly, without a hang.
final class AudioErrorTests {
    let directory: URL
    init() throws { directory = try Fixtures.temporaryDirectory("earshot-audio-errors") }
    deinit { try? FileManager.default.removeItem(at: directory) }

    func path(_ name: String) -> String { directory.appendingPathComponent(name).path }

    func file(_ name: String, _ bytes: [UInt8]) throws -> String {
        try Data(bytes).write(to: directory.appendingPathComponent(name))
        return path(name)
    }

    @Test func missingFile() {
        let missing = path("missing.wav")
        #expect(throws: AudioError.fileNotFound(missing)) { try AudioReader.read(missing) }
        #expect(throws: AudioError.fileNotFound(missing)) { try AudioReader.info(missing) }
        #expect(throws: AudioError.fileNotFound(missing)) { try AudioFileChunkReader(path: missing) }
    }

    @Test func directoryAndFIFOAreNotFiles() throws {
        #expect(throws: AudioError.notRegularFile(directory.path, kind: "directory")) {
            try AudioReader.read(directory.path)
        }
        let fifo = path("fifo.wav")
        try #require(mkfifo(fifo, 0o600) == 0)
        // Opening a FIFO with no writer would block; we must return at once.
        #expect(throws: AudioError.notRegularFile(fifo, kind: "FIFO")) { try AudioReader.read(fifo) }
    }

    @Test func unreadableFile() throws {
        let locked = try file("locked.wav", Array(repeating: 0, count: 64))
        try #require(chmod(locked, 0) == 0)
        if geteuid() != 0 {  // root reads anything
            #expect(throws: AudioError.unreadable(locked, reason: "Permission denied")) {
                try AudioReader.read(locked)
            }
        }
    }

    @Test func emptyAndTextFilesAreNotAudio() throws {
        let empty = try file("empty.wav", [])
        #expect(throws: AudioError.notAudio(empty, reason: "file is empty")) { try AudioReader.read(empty) }
        let text = try file("notes.wav", Array("these are not samples\n".utf8))
        let error = #expect(throws: AudioError.self) { try AudioReader.read(text) }
        guard case .notAudio(text, let reason)? = error else {
            Issue.record("expected notAudio, got \(String(describing: error))")
            return
        }
        #expect(!reason.isEmpty)
    }

    /// The FSDD file cut after 5000 bytes: header says 9182 data bytes, 4956 remain.
    @Test func truncatedWAV() throws {
        let whole = try Data(contentsOf: URL(fileURLWithPath: SoundFixtures.fsddFile))
        let cut = try file("cut.wav", Array(whole.prefix(5000)))
        #expect(throws: AudioError.truncated(cut, declaredBytes: 9182, availableBytes: 4956)) {
            try AudioReader.read(cut)
        }
        #expect(throws: AudioError.truncated(cut, declaredBytes: 9182, availableBytes: 4956)) {
            try AudioReader.info(cut)
        }
    }

    /// AIFF keeps its samples in an `SSND` chunk; cutting the file must be caught there too.
    @Test func truncatedAIFF() throws {
        let aiff = try SoundFixtures.write(
            SoundFixtures.tones(sampleRate: 8000, count: 4000), sampleRate: 8000,
            format: SoundFixtures.format(SF_FORMAT_AIFF, SF_FORMAT_PCM_16), in: directory, name: "whole.aiff")
        let cut = try file("cut.aiff", Array(try Data(contentsOf: URL(fileURLWithPath: aiff)).prefix(3000)))
        let error = #expect(throws: AudioError.self) { try AudioReader.read(cut) }
        guard case .truncated(cut, let declared, let available)? = error else {
            Issue.record("expected truncated, got \(String(describing: error))")
            return
        }
        #expect(declared >= 8000 && available < 3000)
    }

    @Test func nanInFloatWAV() throws {
        var samples = SoundFixtures.tones(sampleRate: 8000, count: 10_000).map(Float.init)
        samples[9000] = .nan
        let nan = path("nan.wav")
        try WAVWriter.write(samples, sampleRate: 8000, to: nan, encoding: .float32)
        #expect(throws: AudioError.nonFiniteSample(nan, index: 9000)) { try AudioReader.read(nan) }
        // The chunk reader reports the same index from its second decode block.
        #expect(throws: AudioError.nonFiniteSample(nan, index: 9000)) {
            let reader = try AudioFileChunkReader(path: nan)
            while try reader.read(maxSamples: 1000) != nil {}
        }
        #expect(throws: AudioError.nonFiniteSample(nan, index: 9000)) {
            try WAVWriter.write(samples, sampleRate: 8000, to: nan)
        }
    }

    @Test func zeroSamplesAndTooShort() throws {
        let silent = path("zero.wav")
        try WAVWriter.write([], sampleRate: 16_000, to: silent)
        #expect(try AudioReader.info(silent).frames == 0)
        #expect(throws: AudioError.noSamples(silent)) { try AudioReader.read(silent) }
        #expect(throws: AudioError.tooShort(SoundFixtures.fsddFile, samples: 4591, needed: 5000)) {
            try AudioReader.read(SoundFixtures.fsddFile, minimumSamples: 5000)
        }
    }

    /// Float audio far outside [-1, 1] overflows the resampler's filter: an error naming the
    /// file, not samples of ±Inf (found by FuzzSoundFile).
    @Test func samplesTooLargeToResampleAreRefused() throws {
        // a full-scale step: the filter's overshoot (Gibbs) passes the largest finite Float
        let huge = [Float](repeating: 0, count: 2000) + [Float](repeating: .greatestFiniteMagnitude, count: 2000)
        let error = #expect(throws: AudioError.self) { try Resampler(from: 8000, to: 16000, label: "huge.wav").resample(huge) }
        #expect(error?.description.hasPrefix("huge.wav: ") == true && error?.description.contains("too large") == true, "\(String(describing: error))")
    }

    @Test func unsupportedRates() throws {
        for rate in [0, -8000, 999, 384_001, 10_000_000] {
            #expect(throws: AudioError.unsupportedSampleRate(SoundFixtures.fsddFile, rate: rate)) {
                try AudioReader.read(SoundFixtures.fsddFile, sampleRate: rate)
            }
        }
        #expect(throws: AudioError.unsupportedSampleRate("stdin", rate: 0)) {
            try RawPCMReader(sampleRate: 0)
        }
        // A header declaring 1 Hz (found by mutating WAVs): refused from the header, not resampled
        // into hours of audio.
        let oneHertz = path("one-hertz.wav")
        func le<T: FixedWidthInteger>(_ value: T) -> Data { withUnsafeBytes(of: value.littleEndian) { Data($0) } }
        let data = Data(count: 2 * 23_467)
        var header = Data("RIFF".utf8) + le(UInt32(36 + data.count)) + Data("WAVEfmt ".utf8)
        header += le(UInt32(16)) + le(UInt16(1)) + le(UInt16(1)) + le(UInt32(1)) + le(UInt32(2)) + le(UInt16(2)) + le(UInt16(16))
        try (header + Data("data".utf8) + le(UInt32(data.count)) + data).write(to: URL(fileURLWithPath: oneHertz))
        #expect(throws: AudioError.unsupportedSampleRate(oneHertz, rate: 1)) {
            try AudioReader.read(oneHertz, sampleRate: 8000)
        }
    }

    /// A PCM 16-bit WAV header for `frames` frames of `channels` channels at `rate` Hz, followed
    /// by `storedFrames` frames of zeros (a sparse hole when the header claims more).
    func wav(_ name: String, channels: Int, rate: Int, frames: Int, storedFrames: Int? = nil) throws -> String {
        func le<T: FixedWidthInteger>(_ value: T) -> Data { withUnsafeBytes(of: value.littleEndian) { Data($0) } }
        let bytes = 2 * channels * frames
        var header = Data("RIFF".utf8) + le(UInt32(36 + bytes)) + Data("WAVEfmt ".utf8) + le(UInt32(16)) + le(UInt16(1))
        header += le(UInt16(channels)) + le(UInt32(rate)) + le(UInt32(rate * 2 * channels)) + le(UInt16(2 * channels)) + le(UInt16(16))
        header += Data("data".utf8) + le(UInt32(bytes))
        try (header + Data(count: 2 * channels * (storedFrames ?? frames))).write(to: URL(fileURLWithPath: path(name)))
        if storedFrames != nil {  // extend to the declared size without writing it
            let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path(name)))
            try handle.truncate(atOffset: UInt64(header.count + bytes))
            try handle.close()
        }
        return path(name)
    }

    @Test func tooManyChannelsIsRefusedFromTheHeader() throws {
        let wide = try wav("wide.wav", channels: AudioReader.maxChannels + 1, rate: 8000, frames: 100)
        let error = AudioError.tooManyChannels(wide, channels: AudioReader.maxChannels + 1)
        #expect(throws: error) { try AudioReader.read(wide) }
        #expect(throws: error) { try AudioReader.info(wide) }
        #expect(throws: error) { try AudioFileChunkReader(path: wide) }
        let widest = try wav("widest.wav", channels: AudioReader.maxChannels, rate: 8000, frames: 100)
        #expect(try AudioReader.read(widest).samples == [Float](repeating: 0, count: 100))
    }

    /// A 4-hour-and-a-bit header over a sparse file (nothing written, nothing decoded) is refused
    /// at once; a real clip over a small limit is refused the same way; no limit reads it.
    @Test func durationOverTheLimitIsRefusedBeforeDecoding() throws {
        let limit = 4.0 * 3600
        let frames = Int(limit) * 8000 + 8000
        let long = try wav("long.wav", channels: 1, rate: 8000, frames: frames, storedFrames: 10)
        let started = Date()
        let error = AudioError.tooLong(long, seconds: Double(frames) / 8000, limit: limit)
        #expect(throws: error) { try AudioReader.read(long, sampleRate: 16000, maxDuration: limit) }
        #expect(throws: error) { try AudioReader.info(long, maxDuration: limit) }
        #expect(throws: error) { try AudioFileChunkReader(path: long, maxDuration: limit) }
        #expect(Date().timeIntervalSince(started) < 1)
        #expect(error.description == "\(long): too long: header declares 14401.0 s (4.0 h) of audio, the limit is 14400.0 s (4.0 h)")
        let clip = SoundFixtures.fsddFile
        #expect(throws: AudioError.tooLong(clip, seconds: 4591.0 / 8000, limit: 0.5)) {
            try AudioReader.read(clip, maxDuration: 0.5)
        }
        #expect(try AudioReader.read(clip).samples.count == 4591)
    }

    @Test func descriptionsAreOneLineNamingThePath() {
        let errors: [AudioError] = [
            .fileNotFound("a.wav"), .unreadable("a.wav", reason: "Permission denied"),
            .notRegularFile("a.wav", kind: "directory"), .notAudio("a.wav", reason: "Format not recognised"),
            .truncated("a.wav", declaredBytes: 10, availableBytes: 4), .noSamples("a.wav"),
            .tooShort("a.wav", samples: 3, needed: 400), .nonFiniteSample("a.wav", index: 7),
            .unsupportedSampleRate("a.wav", rate: 0), .streamFailed("a.wav", reason: "Bad file descriptor"),
            .resamplerFailed("a.wav", reason: "x"), .tooManyChannels("a.wav", channels: 65),
            .tooLong("a.wav", seconds: 23_467, limit: 14_400),
        ]
        for error in errors {
            #expect(error.description.hasPrefix("a.wav: ") && !error.description.contains("\n"), "\(error)")
        }
    }
}
