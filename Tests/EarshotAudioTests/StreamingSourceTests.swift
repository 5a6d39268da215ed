import CSndFile
import EarshotTestSupport
import Foundation
import Testing

@testable import EarshotAudio

/// Reading in chunks gives exactly the samples of a whole-file read, for any chunk size, with
/// and without resampling, and every chunk but the last is full.
struct StreamingSourceTests {
    static func drain(_ source: some AudioSource, chunk: Int) throws -> (samples: [Float], sizes: [Int]) {
        var samples: [Float] = []
        var sizes: [Int] = []
        while let piece = try source.read(maxSamples: chunk) {
            samples += piece
            sizes.append(piece.count)
        }
        #expect(try source.read(maxSamples: chunk) == nil, "stays ended")
        return (samples, sizes)
    }

    @Test(arguments: [nil, 16_000, 11_025], [1, 7, 160, 4096, 100_000])
    func chunkedReadEqualsWholeRead(rate: Int?, chunk: Int) throws {
        let whole = try AudioReader.read(SoundFixtures.fsddFile, sampleRate: rate)
        let reader = try AudioFileChunkReader(path: SoundFixtures.fsddFile, sampleRate: rate)
        #expect(reader.sampleRate == whole.sampleRate)
        let (samples, sizes) = try Self.drain(reader, chunk: chunk)
        #expect(samples == whole.samples)
        #expect(sizes.dropLast().allSatisfy { $0 == chunk } && (sizes.last ?? 0) <= chunk)
    }

    /// A stereo 44.1 kHz file longer than one decode block, resampled to 16 kHz.
    @Test func chunkedStereoResampleEqualsWholeRead() throws {
        let directory = try Fixtures.temporaryDirectory("earshot-audio-chunks")
        defer { try? FileManager.default.removeItem(at: directory) }
        let mono = SoundFixtures.tones(sampleRate: 44_100, count: 30_000)
        let stereo = mono.flatMap { [$0, -0.5 * $0] }
        let path = try SoundFixtures.write(
            stereo, channels: 2, sampleRate: 44_100,
            format: SoundFixtures.format(SF_FORMAT_WAV, SF_FORMAT_PCM_16),
            in: directory, name: "stereo.wav")
        let whole = try AudioReader.read(path, sampleRate: 16_000)
        for chunk in [333, 8192] {
            let (samples, _) = try Self.drain(
                try AudioFileChunkReader(path: path, sampleRate: 16_000), chunk: chunk)
            #expect(samples == whole.samples, "chunk \(chunk)")
        }
    }

    /// Raw 16-bit PCM written into a pipe in uneven pieces (odd byte counts, a dangling last
    /// byte) reads back as int16/32768, and resampled equals the file path's resampling.
    @Test(arguments: [nil, 16_000])
    func rawPCMFromPipeMatchesWAV(outputRate: Int?) throws {
        let audio = try AudioReader.read(SoundFixtures.fsddFile)
        var bytes: [UInt8] = []
        for x in audio.samples {
            let value = UInt16(bitPattern: Int16(x * 32768))
            bytes += [UInt8(value & 0xFF), UInt8(value >> 8)]
        }
        bytes.append(0x7F)  // a dangling half sample, to be dropped
        let expected =
            try outputRate.map { try Resampler(from: 8000, to: $0).resample(audio.samples) } ?? audio.samples
        let samples = try Self.readThroughPipe(
            bytes, pieces: [1, 2, 3, 1000, 1, 4095], outputRate: outputRate)
        #expect(samples == expected)
    }

    @Test func rawPCMFromPipeClosedEarlyEndsCleanly() throws {
        #expect(try Self.readThroughPipe([], pieces: [1]).isEmpty)
        #expect(try Self.readThroughPipe([0x01], pieces: [1]).isEmpty)
        #expect(try Self.readThroughPipe([0x00, 0x40, 0x00], pieces: [1]) == [0.5])
        #expect(try Self.readThroughPipe([0x00, 0x80], pieces: [1], outputRate: 16_000).count == 2)
    }

    /// Everything a `RawPCMReader` reads (in chunks of 256) from a pipe whose writer thread
    /// sends `bytes` in pieces of the given sizes (cycled), pausing now and then, then closes.
    static func readThroughPipe(_ bytes: [UInt8], pieces: [Int], outputRate: Int? = nil) throws -> [Float] {
        signal(SIGPIPE, SIG_IGN)  // a failing reader closes early: the writer then gets EPIPE
        var ends: [Int32] = [0, 0]
        try #require(pipe(&ends) == 0)
        let (readEnd, writeEnd) = (ends[0], ends[1])
        Thread.detachNewThread {
            var offset = 0
            var piece = 0
            while offset < bytes.count {
                let count = min(pieces[piece % pieces.count], bytes.count - offset)
                let written = bytes[offset..<offset + count].withUnsafeBytes {
                    write(writeEnd, $0.baseAddress, count)
                }
                if written <= 0 { break }
                offset += written
                piece += 1
                if piece % 3 == 0 { usleep(200) }
            }
            close(writeEnd)
        }
        defer { close(readEnd) }
        let reader = try RawPCMReader(fileDescriptor: readEnd, sampleRate: 8000, outputRate: outputRate)
        return try drain(reader, chunk: 256).samples
    }
}
