#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Raw signed 16-bit little-endian mono PCM from a file descriptor (standard input by default,
/// e.g. `arecord -f S16_LE -r 16000 | earshot stream -`), as samples `x = int16 / 32768`,
/// resampled from `inputRate` to `sampleRate`. Handles short reads and EINTR, carries an odd
/// byte over to the next read, drops a dangling last byte at end of input, and ends cleanly
/// whenever the writer closes early. Does not close the descriptor.
public final class RawPCMReader: AudioSource {
    /// Bytes requested per read(2).
    public static let blockBytes = 16_384

    public let sampleRate: Int
    public let inputRate: Int
    private let descriptor: Int32
    private let label: String
    private var assembler: ChunkAssembler
    private let bytes: UnsafeMutableBufferPointer<UInt8>
    private let samples: UnsafeMutableBufferPointer<Float>
    /// 1 when the previous read ended in the middle of a sample (its low byte is at `bytes[0]`).
    private var carriedBytes = 0

    /// `inputRate` is the rate of the PCM stream, `outputRate` (default: the same) the rate
    /// `read` delivers; `label` names the stream in errors ("stdin" for descriptor 0).
    public init(
        fileDescriptor: Int32 = STDIN_FILENO, sampleRate inputRate: Int, outputRate: Int? = nil,
        label: String? = nil
    ) throws {
        self.descriptor = fileDescriptor
        self.label = label ?? (fileDescriptor == STDIN_FILENO ? "stdin" : "file descriptor \(fileDescriptor)")
        self.inputRate = inputRate
        self.sampleRate = outputRate ?? inputRate
        assembler = try ChunkAssembler(inputRate: inputRate, outputRate: sampleRate, label: self.label)
        bytes = .allocate(capacity: Self.blockBytes)
        samples = .allocate(capacity: Self.blockBytes / 2)
    }

    deinit {
        bytes.deallocate()
        samples.deallocate()
    }

    public func read(maxSamples: Int) throws -> [Float]? {
        try assembler.next(maxSamples: maxSamples, produce: decodeBlock)
    }

    /// One read(2), decoded; empty when only a lone byte arrived, nil at end of input.
    private func decodeBlock() throws -> UnsafeBufferPointer<Float>? {
        let received = readRetrying(descriptor, bytes.baseAddress! + carriedBytes, bytes.count - carriedBytes)
        if received < 0 { throw AudioError.streamFailed(label, reason: String(cString: strerror(errno))) }
        if received == 0 { return nil }  // end of input; a dangling odd byte is dropped
        let available = carriedBytes + received
        let count = available / 2
        for i in 0..<count {
            // x = int16(lo | hi << 8) / 32768
            let value = Int16(bitPattern: UInt16(bytes[2 * i]) | UInt16(bytes[2 * i + 1]) << 8)
            samples[i] = Float(value) / 32768
        }
        carriedBytes = available - 2 * count
        if carriedBytes == 1 { bytes[0] = bytes[available - 1] }
        return UnsafeBufferPointer(rebasing: samples[0..<count])
    }
}

/// read(2), retried on EINTR, and waiting with poll(2) when the descriptor is non-blocking.
private func readRetrying(_ descriptor: Int32, _ buffer: UnsafeMutablePointer<UInt8>, _ count: Int) -> Int {
    while true {
        let received = read(descriptor, buffer, count)
        if received >= 0 { return received }
        switch errno {
        case EINTR: continue
        case EAGAIN, EWOULDBLOCK:
            var request = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
            _ = poll(&request, 1, -1)
        default: return received
        }
    }
}
