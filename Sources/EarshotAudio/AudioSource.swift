/// A stream of mono samples in [-1, 1], delivered in chunks: `read(maxSamples:)` returns exactly
/// `maxSamples` samples until the last chunk, which may be shorter, and then nil. The
/// concatenated chunks are the same whatever the chunk sizes.
public protocol AudioSource: AnyObject {
    /// The rate, in Hz, of the samples `read` returns.
    var sampleRate: Int { get }
    /// The next `maxSamples` samples (fewer only at the end), or nil when the stream is over.
    /// Throws `AudioError`.
    func read(maxSamples: Int) throws -> [Float]?
}

/// Turns blocks of decoded mono input into output chunks at the target rate, holding at most
/// one chunk plus one block in memory. Shared by the file and raw-PCM sources.
struct ChunkAssembler {
    private let resampler: Resampler?
    private var pending: [Float] = []
    private var head = 0
    private var ended = false

    /// Samples held in memory, returned ones not yet dropped included: at most about
    /// 2·maxSamples plus one block's output, however long the stream.
    var heldSamples: Int { pending.count }

    init(inputRate: Int, outputRate: Int, label: String) throws {
        for rate in [inputRate, outputRate] where !AudioReader.supportedRates.contains(rate) {
            throw AudioError.unsupportedSampleRate(label, rate: rate)
        }
        resampler =
            inputRate == outputRate ? nil : try Resampler(from: inputRate, to: outputRate, label: label)
    }

    /// The next chunk: `produce` is called for more input until `maxSamples` samples are ready;
    /// it returns the next decoded block (valid until its next call, possibly empty), or nil
    /// at the end of the input.
    mutating func next(maxSamples: Int, produce: () throws -> UnsafeBufferPointer<Float>?) throws -> [Float]? {
        precondition(maxSamples > 0, "maxSamples must be positive")
        while pending.count - head < maxSamples && !ended {
            if let block = try produce() {
                if let resampler {
                    try resampler.process(block, into: &pending)
                } else {
                    pending.append(contentsOf: block)
                }
            } else {
                try resampler?.flush(into: &pending)
                ended = true
            }
        }
        let count = min(maxSamples, pending.count - head)
        guard count > 0 else { return nil }
        let chunk = Array(pending[head..<head + count])
        head += count
        if head * 2 >= pending.count {  // amortised O(1) per sample: drop the consumed half
            pending.removeFirst(head)
            head = 0
        }
        return chunk
    }
}
