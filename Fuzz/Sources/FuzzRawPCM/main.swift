import EarshotAudio
import FuzzSupport
import Foundation

/// Raw 16-bit PCM as `earshot stream -` reads it from standard input: the first bytes pick the
/// input and output rates and the chunk size, the rest is the stream (any length, odd ones too),
/// read through a pipe so that reads come back short.
let rates = [8000, 11025, 16000, 22050, 44100, 48000, 1000, 384_000]
let ignoreBrokenPipe: Void = { signal(SIGPIPE, SIG_IGN) }()

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzRawPCM(_ data: UnsafeRawPointer, _ count: Int) -> CInt {
    ignoreBrokenPipe
    var input = FuzzInput(data, count)
    let (inputRate, outputRate) = (input.pick(rates), input.pick(rates))
    let chunk = 1 + input.uint16() % 4096
    let stream = input.rest()
    var ends: [Int32] = [0, 0]
    guard pipe(&ends) == 0 else { fatalError("pipe: \(String(cString: strerror(errno)))") }
    // a writer thread, so that a stream larger than the pipe's buffer cannot block; it stops
    // (EPIPE, SIGPIPE ignored) if the reader gives up first
    let (readEnd, writeEnd) = (ends[0], ends[1])
    let written = DispatchSemaphore(value: 0)
    defer {
        close(readEnd)
        written.wait()
    }
    let writer = Thread {
        stream.withUnsafeBytes { raw in
            var offset = 0
            while offset < raw.count {
                let written = write(writeEnd, raw.baseAddress! + offset, raw.count - offset)
                if written <= 0 { break }
                offset += written
            }
        }
        close(writeEnd)
        written.signal()
    }
    writer.start()
    guard let reader = try? RawPCMReader(fileDescriptor: readEnd, sampleRate: inputRate, outputRate: outputRate)
    else { fatalError("RawPCMReader refused rates \(inputRate) → \(outputRate)") }
    var samples = 0
    while let block = try? reader.read(maxSamples: chunk) {
        expect(block.count <= chunk, "read \(block.count) samples, asked for at most \(chunk)")
        expect(block.allSatisfy { $0.isFinite }, "a non-finite sample")
        samples += block.count
    }
    // resampling changes the count by the ratio of the rates, plus the filter's edges
    let expected = Double(stream.count / 2) * Double(outputRate) / Double(inputRate)
    expect(Double(samples) <= expected + 64, "\(samples) samples out of \(stream.count / 2) in")
    return 0
}
