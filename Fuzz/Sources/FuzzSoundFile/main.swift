import EarshotAudio
import FuzzSupport
import Foundation

/// An audio file in any format libsndfile knows, as `earshot transcribe` and `earshot info` open
/// it: the header, then the whole file read to mono at a rate the first byte picks, then read
/// again in chunks, which must give the same samples.
let audio = ScratchFile(name: "audio")
let rates = [16000, 8000, 44100, 1000]

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzSoundFile(_ data: UnsafeRawPointer, _ count: Int) -> CInt {
    var input = FuzzInput(data, count)
    let rate = input.pick(rates)
    let chunk = 1 + Int(input.byte()) * 64
    let path = audio.write(input.rest())
    guard (try? AudioReader.info(path)) != nil else { return 0 }
    let whole = Result { try AudioReader.read(path, sampleRate: rate) }
    if case .success(let audio) = whole { expect(audio.samples.allSatisfy { $0.isFinite }, "a non-finite sample") }
    guard let reader = try? AudioFileChunkReader(path: path, sampleRate: rate) else { return 0 }
    let chunked = Result {
        var samples: [Float] = []
        while let block = try reader.read(maxSamples: chunk) {
            expect(block.count <= chunk, "read \(block.count) samples, asked for at most \(chunk)")
            samples += block
        }
        return samples
    }
    switch (whole, chunked) {
    case (.success(let audio), .success(let samples)):
        let first = zip(audio.samples, samples).enumerated().first { $0.element.0 != $0.element.1 }?.offset
        expect(
            audio.samples.count == samples.count && first == nil,
            "chunked read: \(samples.count) samples, whole: \(audio.samples.count), first difference at \(first ?? -1)")
    case (.success, .failure(let error)): fatalError("the whole file reads, but in chunks: \(error)")
    case (.failure(let error), .success(let samples)):
        // no samples (none decoded, or none left after resampling): the whole read refuses the
        // file, the chunked one just ends
        expect(samples.isEmpty, "the file reads in chunks, but whole: \(error)")
    case (.failure, .failure): break
    }
    return 0
}
