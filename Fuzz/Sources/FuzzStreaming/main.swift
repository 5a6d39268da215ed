import Earshot
import FuzzSupport

/// The streaming recognizer of a tiny random model fed chunks of every size: each input is a
/// sequence of chunks, a little-endian 16-bit size (samples, up to 4095) then that many 16-bit
/// samples (silence and full scale included); then the stream is finished.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzStreaming(_ data: UnsafeRawPointer, _ count: Int) -> CInt {
    var input = FuzzInput(data, count)
    guard let recognizer = try? StreamingRecognizer(model: tinyModel) else { fatalError("the tiny model does not stream") }
    var accepted = 0
    while !input.isAtEnd {
        let size = input.uint16() % 4096
        let chunk = (0..<size).map { _ in Float(Int16(truncatingIfNeeded: input.uint16())) / 32768 }
        accepted += chunk.count
        _ = recognizer.accept(samples: chunk)
        _ = recognizer.partialResult
    }
    let streamTime = Double(accepted) / 8000
    expect(recognizer.streamTime == streamTime, "stream time \(recognizer.streamTime), not \(streamTime)")
    for utterance in recognizer.finish() {
        expect(utterance.streamTime <= streamTime, "an utterance ends after the stream")
        expect(utterance.transcript.words.allSatisfy { $0.start <= $0.end }, "a word ends before it starts")
    }
    return 0
}
