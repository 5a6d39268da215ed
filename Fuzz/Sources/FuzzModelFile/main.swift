import Earshot
import Foundation

/// A model file: the safetensors structure, the config in its metadata, the tensors against the
/// config; a model that loads then transcribes a tenth of a second of a tone, which runs the
/// front-end and network the file describes.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzModelFile(_ data: UnsafeRawPointer, _ count: Int) -> CInt {
    let bytes = Data(bytes: data, count: count)
    guard let file = try? SafeTensorsFile(bytes: bytes, file: "fuzz.safetensors"),
        let model = try? Model(file, name: "fuzz.safetensors"),
        let recognizer = try? Recognizer(model: model)
    else { return 0 }
    let rate = model.config.sampleRate
    let tone = (0..<rate / 10).map { Float(sin(Double($0) * 0.3)) * 0.5 }
    _ = try? recognizer.transcribe(samples: tone, sampleRate: rate)
    return 0
}
