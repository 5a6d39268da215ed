import CSndFile
import EarshotAudio

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Writes mono WAV files atomically: to a temporary file beside `path`, then rename(2), so a
/// reader never sees a half-written file. Test-only: the tests make their audio with it.
public enum WAVWriter {
    /// libsndfile or the file system failed; `reason` says why.
    public struct WriteFailed: Error, Equatable, CustomStringConvertible {
        public let path: String
        public let reason: String
        public var description: String { "\(path): cannot write: \(reason)" }
    }

    public enum Encoding: String, Sendable, Codable {
        /// Signed 16-bit PCM: `int16 = clamp(round(x · 32768), −32768, 32767)`, so samples read
        /// back from 16-bit files are written back bit for bit.
        case pcm16
        /// IEEE float 32-bit: samples stored as they are (NaN and Inf included).
        case float32
    }

    /// Samples converted per libsndfile call when writing 16-bit PCM.
    private static let blockSamples = 4096

    /// Throws `WriteFailed`, `AudioError.unsupportedSampleRate`, or `AudioError.nonFiniteSample`
    /// for NaN/Inf in 16-bit output.
    public static func write(
        _ samples: [Float], sampleRate: Int, to path: String, encoding: Encoding = .pcm16
    ) throws {
        guard AudioReader.supportedRates.contains(sampleRate) else {
            throw AudioError.unsupportedSampleRate(path, rate: sampleRate)
        }
        if encoding == .pcm16, let index = samples.firstIndex(where: { !$0.isFinite }) {
            throw AudioError.nonFiniteSample(path, index: index)
        }
        let temporary = "\(path).partial-\(getpid())"
        var info = SF_INFO()
        info.samplerate = Int32(sampleRate)
        info.channels = 1
        info.format =
            Int32(SF_FORMAT_WAV) | (encoding == .pcm16 ? Int32(SF_FORMAT_PCM_16) : Int32(SF_FORMAT_FLOAT))
        guard let handle = sf_open(temporary, Int32(SFM_WRITE), &info) else {
            throw WriteFailed(path: path, reason: String(cString: sf_strerror(nil)))
        }
        let written = samples.withUnsafeBufferPointer { buffer in
            encoding == .pcm16
                ? writePCM16(buffer, to: handle)
                : Int(sf_writef_float(handle, buffer.baseAddress, sf_count_t(buffer.count)))
        }
        let reason = written == samples.count ? nil : String(cString: sf_strerror(handle))
        let closed = sf_close(handle) == 0
        guard reason == nil, closed, rename(temporary, path) == 0 else {
            let why = reason ?? (closed ? String(cString: strerror(errno)) : "closing failed")
            unlink(temporary)
            throw WriteFailed(path: path, reason: why)
        }
    }

    /// Converts to int16 in blocks and writes them; returns the samples written.
    private static func writePCM16(_ samples: UnsafeBufferPointer<Float>, to handle: OpaquePointer) -> Int {
        withUnsafeTemporaryAllocation(of: Int16.self, capacity: blockSamples) { block in
            var written = 0
            while written < samples.count {
                let count = min(blockSamples, samples.count - written)
                for i in 0..<count {
                    block[i] = Int16(max(-32768, min(32767, (samples[written + i] * 32768).rounded())))
                }
                let done = Int(sf_writef_short(handle, block.baseAddress, sf_count_t(count)))
                written += done
                if done < count { break }
            }
            return written
        }
    }
}
