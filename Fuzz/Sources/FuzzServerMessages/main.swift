import EarshotServer
import FuzzSupport
import Foundation

/// A WebSocket text message as `earshot serve` handles it: parsed as a control message, and a
/// config applied to the stream's settings against a small vocabulary.
let vocabulary = ["<blank>", "yes", "no", "stop", "go"]

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzServerMessages(_ data: UnsafeRawPointer, _ count: Int) -> CInt {
    let text = String(decoding: UnsafeRawBufferPointer(start: data, count: count), as: UTF8.self)
    guard case .config(let fields) = try? ControlMessage.parse(text) else { return 0 }
    var config = StreamConfig(sampleRate: 16000)
    do {
        try config.apply(fields, vocabulary: vocabulary)
    } catch let close as StreamClose {
        expect(close.reason.utf8.count <= 123, "close reason longer than a close frame holds")
        return 0
    } catch {
        fatalError("config threw \(error), not a StreamClose")
    }
    expect((1000...192_000).contains(config.sampleRate), "sample rate \(config.sampleRate)")
    expect((0...StreamConfig.maxAlternativesLimit).contains(config.maxAlternatives), "\(config.maxAlternatives) alternatives")
    expect(config.allowedWords.map { !$0.isEmpty && $0.allSatisfy(vocabulary.contains) } ?? true, "allowed words \(config.allowedWords ?? [])")
    return 0
}
