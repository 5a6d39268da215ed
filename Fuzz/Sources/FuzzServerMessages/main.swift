import Earshot
import FuzzSupport
import Foundation

/// A WebSocket session as `earshot serve` handles it (`EarshotServer.consume`), with a tiny
/// model: each message is a kind byte (even: text, odd: binary), a little-endian 16-bit length
/// and that many bytes. Text is a control message (config, eof, reset), binary is 16-bit PCM;
/// every step's reply is encoded as Vosk's JSON. A `StreamClose` ends the session, as it closes
/// the connection; anything else thrown or trapped is a finding.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzServerMessages(_ data: UnsafeRawPointer, _ count: Int) -> CInt {
    var input = FuzzInput(data, count)
    let stream = RecognitionStream(model: tinyModel, streaming: StreamingOptions(), decoder: DecoderOptions(), sampleRate: 8000)
    do {
        while !input.isAtEnd {
            let binary = input.byte() & 1 == 1
            let payload = input.bytes(input.uint16())
            if binary {
                let step = try payload.withUnsafeBytes { try stream.accept(pcm: decodePCM($0)) }
                _ = VoskReply.final(step.finals, config: stream.config)
                _ = VoskReply.partial(step.partial.text)
                continue
            }
            switch try ControlMessage.parse(String(decoding: payload, as: UTF8.self)) {
            case .config(let fields):
                try stream.configure(fields)
                let config = stream.config
                expect((1000...192_000).contains(config.sampleRate), "sample rate \(config.sampleRate)")
                expect((0...StreamConfig.maxAlternativesLimit).contains(config.maxAlternatives), "\(config.maxAlternatives) alternatives")
                expect(config.allowedWords.map { !$0.isEmpty } ?? true, "an empty phrase list was accepted")
            case .eof, .reset:
                _ = VoskReply.final(try stream.finish().finals, config: stream.config)
            }
        }
    } catch let close as StreamClose {
        expect(close.reason.utf8.count <= 123, "close reason longer than a close frame holds")
    } catch {
        fatalError("a message threw \(error), not a StreamClose")
    }
    return 0
}
