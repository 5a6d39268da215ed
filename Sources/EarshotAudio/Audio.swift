/// Mono audio: `samples` in [-1, 1] (libsndfile's normalised float) at `sampleRate` Hz.
public struct Audio: Sendable, Equatable {
    public var samples: [Float]
    public var sampleRate: Int

    public init(samples: [Float], sampleRate: Int) {
        self.samples = samples
        self.sampleRate = sampleRate
    }

    /// Length in seconds.
    public var duration: Double { Double(samples.count) / Double(sampleRate) }
}

/// What a file holds, from its header: `earshot info` prints it.
public struct AudioFileInfo: Sendable, Codable, Equatable {
    public var path: String
    /// The container, e.g. "WAV", "FLAC", "OGG", "AIFF".
    public var container: String
    /// The sample encoding, e.g. "PCM 16-bit", "float 32-bit", "u-law", "Vorbis".
    public var encoding: String
    public var sampleRate: Int
    public var channels: Int
    /// Samples per channel.
    public var frames: Int
    /// `frames / sampleRate`, in seconds.
    public var duration: Double

    public init(
        path: String, container: String, encoding: String, sampleRate: Int, channels: Int, frames: Int
    ) {
        self.path = path
        self.container = container
        self.encoding = encoding
        self.sampleRate = sampleRate
        self.channels = channels
        self.frames = frames
        self.duration = sampleRate > 0 ? Double(frames) / Double(sampleRate) : 0
    }
}
