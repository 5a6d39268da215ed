/// Reads whole audio files into mono `Audio` and describes them. The read path is libsndfile in
/// blocks, each mixed down and appended to one array sized from the header (no Foundation):
/// decoding a short 8 kHz file costs about what the same libsndfile calls cost from C.
public enum AudioReader {
    /// Sample rates a file or stream may have, and audio may be resampled to: telephone and
    /// narrow-band rates up to studio rates. A header outside them is corrupt or hostile (a WAV
    /// declaring 1 Hz turns 23,000 frames into 6.5 hours of audio at 8 kHz), so it is refused
    /// before anything is read.
    public static let supportedRates = 1_000...384_000

    /// The most channels a file may have: the widest layouts recorded in practice (a MADI link,
    /// 7th-order ambisonics) have 64. libsndfile accepts up to 1024, but every channel is decoded
    /// and then averaged away, so a header claiming hundreds is corrupt or hostile: it multiplies
    /// the memory and time of decoding by the channel count for nothing.
    public static let maxChannels = 64

    /// The most frames a header may reserve memory for before they decode: 2^22 (4 min 22 s at 16 kHz).
    static let reservedFramesLimit = 1 << 22

    /// The header of `path`: container, encoding, rate, channels, frames, duration.
    /// Throws `AudioError` when the file is missing, unreadable, not audio or truncated, and
    /// `.tooLong` when it declares more than `maxDuration` seconds.
    public static func info(_ path: String, maxDuration: Double? = nil) throws -> AudioFileInfo {
        try SoundFile(path: path, maxDuration: maxDuration).fileInfo
    }

    /// The samples of `path`, averaged to mono, in [-1, 1] (float files pass through as
    /// stored), resampled with soxr when `sampleRate` is given and differs from the file's.
    /// Throws `AudioError`: also `.noSamples` for an empty file, `.tooShort` when fewer than
    /// `minimumSamples` samples result, `.nonFiniteSample` for NaN/Inf in a float file, and
    /// `.tooLong`, before decoding, when the header declares more than `maxDuration` seconds.
    public static func read(
        _ path: String, sampleRate: Int? = nil, minimumSamples: Int = 1, maxDuration: Double? = nil
    ) throws -> Audio {
        if let rate = sampleRate, !supportedRates.contains(rate) {
            throw AudioError.unsupportedSampleRate(path, rate: rate)
        }
        let file = try SoundFile(path: path, maxDuration: maxDuration)
        // The header's frame count reserves the array only up to `reservedFramesLimit`: a FLAC
        // header of a few bytes may declare 2^36 frames. Past that the array grows with what decodes.
        var samples: [Float] = []
        samples.reserveCapacity(min(file.frames, reservedFramesLimit))
        let block = UnsafeMutableBufferPointer<Float>.allocate(capacity: AudioFileChunkReader.blockFrames * file.channels)
        defer { block.deallocate() }
        while let mono = try file.readMono(into: block, decoded: samples.count) {
            samples.append(contentsOf: mono)
        }
        guard !samples.isEmpty else { throw AudioError.noSamples(path) }
        var rate = file.sampleRate
        if let target = sampleRate, target != rate {
            samples = try Resampler(from: rate, to: target, label: path).resample(samples)
            rate = target
        }
        guard samples.count >= minimumSamples else {
            throw AudioError.tooShort(path, samples: samples.count, needed: minimumSamples)
        }
        return Audio(samples: samples, sampleRate: rate)
    }
}
