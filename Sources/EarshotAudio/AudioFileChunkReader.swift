/// Reads an audio file piece by piece, mono and optionally resampled, with bounded memory: at
/// most one requested chunk plus one decoded block (`blockFrames` frames) is held, so a
/// two-hour file streams in constant space. Gives the same samples as `AudioReader.read`.
public final class AudioFileChunkReader: AudioSource {
    /// Frames decoded per libsndfile call.
    public static let blockFrames = 8192

    public let sampleRate: Int
    public let info: AudioFileInfo
    private let file: SoundFile
    private var assembler: ChunkAssembler
    private let block: UnsafeMutableBufferPointer<Float>
    private var framesDecoded = 0

    /// Opens `path` (throws `AudioError` like `AudioReader.info`, also with `maxDuration`);
    /// `sampleRate` nil keeps the file's rate.
    public init(path: String, sampleRate: Int? = nil, maxDuration: Double? = nil) throws {
        file = try SoundFile(path: path, maxDuration: maxDuration)
        info = file.fileInfo
        self.sampleRate = sampleRate ?? file.sampleRate
        assembler = try ChunkAssembler(inputRate: file.sampleRate, outputRate: self.sampleRate, label: path)
        block = .allocate(capacity: Self.blockFrames * file.channels)
    }

    deinit { block.deallocate() }

    public func read(maxSamples: Int) throws -> [Float]? {
        try assembler.next(maxSamples: maxSamples, produce: decodeBlock)
    }

    /// One libsndfile read, mixed down to mono in place; nil at the end of the file.
    private func decodeBlock() throws -> UnsafeBufferPointer<Float>? {
        let mono = try file.readMono(into: block, decoded: framesDecoded)
        framesDecoded += mono?.count ?? 0
        return mono
    }
}
