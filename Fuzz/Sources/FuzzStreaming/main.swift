import Earshot
import EarshotFeatures
import EarshotNN
import FuzzSupport

/// The streaming recognizer of a tiny random model fed chunks of every size: each input is a
/// sequence of chunks, a little-endian 16-bit size (samples, up to 4095) then that many 16-bit
/// samples, including NaN-free extremes and silence; then the stream is finished.
let model: Model = {
    var mfcc = MfccOptions()
    mfcc.frame.sampleFrequency = 8000
    let features = FeatureOptions.mfcc(mfcc)
    let vocabulary = ["<blank>", "yes", "no"]
    let stats = CMVNStats(FeatureMatrix(frames: 1, dims: 13, values: [Float](repeating: 0, count: 13)))
    let config = ModelConfig(
        sampleRate: 8000, features: features, cmvn: CMVNConfig(mode: .global, stats: stats), vocabulary: vocabulary,
        network: NetworkConfig(inputSize: 13, hiddenSize: 4, numLayers: 1, numClasses: vocabulary.count))
    return Model(config: config, seed: 1)
}()

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzStreaming(_ data: UnsafeRawPointer, _ count: Int) -> CInt {
    var input = FuzzInput(data, count)
    guard let recognizer = try? StreamingRecognizer(model: model) else { fatalError("the tiny model does not stream") }
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
