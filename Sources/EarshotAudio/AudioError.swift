/// Why audio could not be read. Every case names the file (or stream) it is about;
/// `description` is one line, `"<path>: <problem>"`, ready to print on stderr.
public enum AudioError: Error, Equatable, Sendable, CustomStringConvertible {
    case fileNotFound(String)
    /// The file exists but cannot be opened (permission, I/O error); the reason is `strerror`'s.
    case unreadable(String, reason: String)
    /// A directory, FIFO, device or socket where a regular file was expected.
    case notRegularFile(String, kind: String)
    /// libsndfile does not recognise the content; the reason is libsndfile's.
    case notAudio(String, reason: String)
    /// The header promises more audio data (bytes) than the file holds.
    case truncated(String, declaredBytes: Int, availableBytes: Int)
    case noSamples(String)
    /// Fewer samples than a caller needs (e.g. one analysis frame).
    case tooShort(String, samples: Int, needed: Int)
    /// A float file holding NaN or ±Inf; `index` is the first bad sample (interleaved order).
    case nonFiniteSample(String, index: Int)
    /// A sample rate (of the file or requested) outside `AudioReader.supportedRates`.
    case unsupportedSampleRate(String, rate: Int)
    /// A header declaring more channels than `AudioReader.maxChannels`.
    case tooManyChannels(String, channels: Int)
    /// A header declaring more seconds of audio than the caller accepts.
    case tooLong(String, seconds: Double, limit: Double)
    /// Raw PCM input that is not what the reader expects, or a failing read(2).
    case streamFailed(String, reason: String)
    /// The resampler failed while converting.
    case resamplerFailed(String, reason: String)

    public var description: String {
        switch self {
        case .fileNotFound(let path): "\(path): no such file"
        case .unreadable(let path, let reason): "\(path): cannot open: \(reason)"
        case .notRegularFile(let path, let kind): "\(path): is a \(kind), not an audio file"
        case .notAudio(let path, let reason): "\(path): not a readable audio file: \(reason)"
        case .truncated(let path, let declared, let available):
            "\(path): truncated: header declares \(declared) bytes of audio data, file holds \(available)"
        case .noSamples(let path): "\(path): contains no samples"
        case .tooShort(let path, let samples, let needed):
            "\(path): too short: \(samples) samples, at least \(needed) needed"
        case .nonFiniteSample(let path, let index):
            "\(path): non-finite sample (NaN or Inf) at index \(index)"
        case .unsupportedSampleRate(let path, let rate):
            "\(path): unsupported sample rate \(rate) Hz (expected \(AudioReader.supportedRates))"
        case .tooManyChannels(let path, let channels):
            "\(path): header declares \(channels) channels, at most \(AudioReader.maxChannels) are supported"
        case .tooLong(let path, let seconds, let limit):
            "\(path): too long: header declares \(Self.seconds(seconds)) of audio, the limit is \(Self.seconds(limit))"
        case .streamFailed(let path, let reason): "\(path): read failed: \(reason)"
        case .resamplerFailed(let path, let reason): "\(path): resampling failed: \(reason)"
        }
    }

    /// Seconds to a tenth, with hours added from an hour on: "23467.0 s (6.5 h)".
    private static func seconds(_ value: Double) -> String {
        let seconds = "\((value * 10).rounded() / 10) s"
        return value < 3600 ? seconds : seconds + " (\((value / 360).rounded() / 10) h)"
    }
}
