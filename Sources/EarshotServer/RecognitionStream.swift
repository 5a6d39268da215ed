import Dispatch
import Earshot
import EarshotAudio

/// One connection's recognition state: a `StreamingRecognizer` made when the first audio arrives
/// (with the decoder options the client's config asked for), and a resampler when the client's
/// rate is not the model's. Only one job of a connection runs at a time (the connection awaits
/// each), so the state needs no lock; the pool's threads hand it on.
final class RecognitionStream: @unchecked Sendable {
    let model: Model
    let streaming: StreamingOptions
    let baseDecoder: DecoderOptions
    private(set) var config: StreamConfig
    private var recognizer: StreamingRecognizer?
    private var resampler: Resampler?
    /// The last partial text reported (`/v1/stream` reports a partial when it changes).
    var lastPartial = ""

    init(model: Model, streaming: StreamingOptions, decoder: DecoderOptions, sampleRate: Int) {
        self.model = model
        self.streaming = streaming
        self.baseDecoder = decoder
        config = StreamConfig(sampleRate: sampleRate)
    }

    /// Whether audio has arrived since the stream (or the last reset) started.
    var started: Bool { recognizer != nil }

    /// Applies a config message. Vosk ignores a config once audio has started; so does this.
    func configure(_ fields: [String: Any]) throws {
        guard !started else { return }
        var next = config
        try next.apply(fields, vocabulary: model.config.vocabulary)
        config = next
    }

    /// What one step of recognition produced.
    struct Step: Sendable {
        var finals: [StreamingUtterance] = []
        var partial: Transcript
        /// Seconds of audio the step took in, and the compute seconds it cost.
        var audioSeconds: Double
        var computeSeconds: Double
        /// Seconds of audio the recognizer had when the step ended.
        var streamTime: Double = 0
    }

    /// Recognizes a binary message of 16-bit PCM at the config's rate.
    func accept(pcm: [Float]) throws -> Step {
        let start = DispatchTime.now().uptimeNanoseconds
        let recognizer = try prepared()
        var samples = pcm
        if let resampler {
            samples = []
            try pcm.withUnsafeBufferPointer { try resampler.process($0, into: &samples) }
        }
        let finals = recognizer.accept(samples: samples)
        let partial = recognizer.partialResult
        return Step(
            finals: finals, partial: partial, audioSeconds: Double(pcm.count) / Double(config.sampleRate),
            computeSeconds: Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9, streamTime: recognizer.streamTime)
    }

    /// Ends the stream (eof or reset): the utterance in progress gets its final result, and the
    /// next audio starts a new stream at time 0 with the config as it is then.
    func finish() throws -> Step {
        let start = DispatchTime.now().uptimeNanoseconds
        var finals: [StreamingUtterance] = []
        if let recognizer {
            var rest: [Float] = []
            if let resampler { try resampler.flush(into: &rest) }
            finals = recognizer.accept(samples: rest) + recognizer.finish()
        }
        (recognizer, resampler, lastPartial) = (nil, nil, "")
        return Step(
            finals: finals, partial: Transcript(text: "", words: [], alternatives: []), audioSeconds: 0,
            computeSeconds: Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
    }

    private func prepared() throws -> StreamingRecognizer {
        if let recognizer { return recognizer }
        var decoder = baseDecoder
        if let words = config.allowedWords { decoder.allowedWords = words }
        decoder.nBest = max(1, config.maxAlternatives)
        decoder.beamWidth = max(decoder.beamWidth, decoder.nBest)
        let recognizer = try StreamingRecognizer(model: model, options: streaming, decoder: decoder)
        if config.sampleRate != recognizer.sampleRate {
            resampler = try Resampler(from: config.sampleRate, to: recognizer.sampleRate, label: "stream")
        }
        self.recognizer = recognizer
        return recognizer
    }
}
