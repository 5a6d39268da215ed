import EarshotFeatures
import EarshotNN

/// Recognizes audio while it arrives, with the work per chunk bounded however long the stream
/// runs: `StreamingFeaturizer` → global CMVN per frame → `LatencyControlledBiGRU` → log-probs →
/// `Endpointer` and `CTCDecoder` per utterance.
///
/// ```swift
/// let recognizer = try StreamingRecognizer(model: try Model.bundledDefault())
/// let microphone = try RawPCMReader(sampleRate: 16000, outputRate: recognizer.sampleRate)
/// while let chunk = try microphone.read(maxSamples: recognizer.chunkSamples) {
///     for utterance in recognizer.accept(samples: chunk) { print("final:", utterance.transcript.text) }
///     print("partial:", recognizer.partialResult.text)
/// }
/// for utterance in recognizer.finish() { print("final:", utterance.transcript.text) }
/// ```
///
/// The network starts at the stream's first speech (`SpeechOnsetGate`: leading silence is held
/// back, less a pre-roll), where a model trained on clips expects an utterance to start. From
/// there endpoints only cut the decoder's input: the network and featurizer run on as one stream
/// (the forward GRU states are not reset), so the log-probs are those of the uninterrupted stream
/// and an endpoint inside a pause cannot change the words. Memory: the featurizer's and network's
/// bounded buffers plus the current utterance's log-probs, at most
/// `EndpointOptions.maxUtteranceSeconds` long. One instance per stream; not thread-safe.
public final class StreamingRecognizer {
    public let model: Model
    public let options: StreamingOptions
    public let decoder: CTCDecoder
    /// Best-path decoding with the same options, for partial results: O(frames · classes) per
    /// call, so a partial after every chunk stays cheap however long the utterance.
    private let partialDecoder: CTCDecoder
    /// Samples in one chunk of `options.chunkMilliseconds`: the size to pass to `accept` for the
    /// lowest latency (chunks of the network then complete with chunks of audio).
    public let chunkSamples: Int

    private let featurizer: StreamingFeaturizer
    private let chunkFrames: Int
    private let lookAheadFrames: Int
    /// Frames of the first network chunk of a stream that starts at frame 0 (the chunk grid).
    private let firstChunkFrames: Int
    /// Nil until the gate opens (`startNetwork`).
    private var network: LatencyControlledBiGRU?
    private var gate: SpeechOnsetGate
    /// Normalized feature frames held while the gate is closed, from stream frame 0.
    private var held: [Float] = []
    private var endpointer: Endpointer
    /// Frame levels in dB from the featurizer, for the gate, the endpointer and word times as
    /// `Recognizer` gives them: those of frames the network has not output yet, and of the current utterance.
    private var pendingLevels: [Float] = []
    private var utteranceLevels: [Float] = []
    /// Log-probs `[frames, classes]` of the current utterance.
    private var utterance: [Float] = []
    /// Stream frame index of the utterance's first frame, and of the next frame the network outputs.
    private var utteranceStart = 0
    private var framesOutput = 0
    private var samplesAccepted = 0
    private var cachedPartial: Transcript?

    /// Fails for a model with per-utterance CMVN, options out of range, or decoder options that do
    /// not fit the model.
    public init(model: Model, options: StreamingOptions = StreamingOptions(), decoder: DecoderOptions = DecoderOptions())
        throws
    {
        guard model.config.cmvn.mode != .utterance else { throw StreamingError.perUtteranceCMVN }
        guard options.chunkMilliseconds > 0 else { throw StreamingError.invalidOption("chunk must be above 0 ms") }
        guard options.lookAheadMilliseconds >= 0 else { throw StreamingError.invalidOption("look-ahead must be 0 ms or more") }
        guard options.endpoint.trailingSilenceMilliseconds > 0, options.endpoint.maxUtteranceSeconds > 0 else {
            throw StreamingError.invalidOption("trailing silence and maximum utterance length must be above 0")
        }
        guard options.endpoint.blankProbability > 0.5 && options.endpoint.blankProbability <= 1 else {
            throw StreamingError.invalidOption("blank probability \(options.endpoint.blankProbability) is outside (0.5, 1]")
        }
        guard options.speechOnsetPreRollMilliseconds >= 0, options.speechOnsetMaxWaitMilliseconds >= 0 else {
            throw StreamingError.invalidOption("speech-onset pre-roll and wait must be 0 ms or more")
        }
        self.model = model
        self.options = options
        let timing = model.config.frameTiming
        self.decoder = try CTCDecoder(vocabulary: model.config.vocabulary, options: decoder, timing: timing)
        var bestPath = decoder
        bestPath.beamWidth = 1
        partialDecoder = try CTCDecoder(vocabulary: model.config.vocabulary, options: bestPath, timing: timing)
        featurizer = try StreamingFeaturizer(model.config.features)
        let frames = { (milliseconds: Int) in timing.frames(seconds: Double(milliseconds) / 1000) }
        (chunkFrames, lookAheadFrames) = (max(1, frames(options.chunkMilliseconds)), frames(options.lookAheadMilliseconds))
        chunkSamples = max(1, model.config.sampleRate * options.chunkMilliseconds / 1000)
        // Shift the chunk grid so a chunk's look-ahead completes just as a chunk of audio ends
        // (a frame's window reaches past its hop, so the frames of k audio chunks are a few short
        // of k network chunks, which would otherwise wait for one more chunk of audio):
        // first chunk = (frames after one audio chunk − look-ahead) mod chunk.
        let framesAfterOneChunk = model.config.features.frameOptions.frameCount(sampleCount: chunkSamples, flush: false)
        let offset = ((framesAfterOneChunk - lookAheadFrames) % chunkFrames + chunkFrames) % chunkFrames
        firstChunkFrames = offset == 0 ? chunkFrames : offset
        endpointer = Endpointer(options: options.endpoint, timing: timing)
        gate = SpeechOnsetGate(options: options, timing: timing)
    }

    /// The rate, in Hz, of the samples `accept` takes (the model's).
    public var sampleRate: Int { model.config.sampleRate }
    /// Seconds of audio accepted since the stream started.
    public var streamTime: Double { Double(samplesAccepted) / Double(sampleRate) }
    /// Frames of log-probs held for the current utterance (bounded by the endpoint rules).
    var utteranceFrames: Int { utterance.count / classes }

    /// Takes the next samples (mono, in [-1, 1], at `sampleRate`; any count) and returns the
    /// utterances they completed, oldest first.
    public func accept(samples: [Float]) -> [StreamingUtterance] {
        samplesAccepted += samples.count
        var levels: [Float] = []
        let features = normalized(featurizer.accept(samples, levels: &levels))
        pendingLevels += levels
        if let network { return consume(network.accept(features)) }
        held += features
        guard let start = gate.judge(levels) else { return [] }
        return consume(startNetwork(at: start).1)
    }

    /// Starts the network at stream frame `start` on the chunk grid of a stream started at frame 0
    /// (so chunks still complete with chunks of audio), feeds it the held frames from there on, and
    /// returns its output.
    private func startNetwork(at start: Int) -> (LatencyControlledBiGRU, [Float]) {
        let dims = model.config.network.inputSize
        let skipped = min(start, held.count / dims)
        // the grid's next boundary at or after `start`: firstChunkFrames + k · chunkFrames
        let first = start < firstChunkFrames
            ? firstChunkFrames - start : chunkFrames - (start - firstChunkFrames) % chunkFrames
        let network = LatencyControlledBiGRU(
            network: model.network, chunkFrames: chunkFrames, lookAheadFrames: lookAheadFrames, firstChunkFrames: first)
        self.network = network
        pendingLevels.removeFirst(min(skipped, pendingLevels.count))
        (framesOutput, utteranceStart) = (skipped, skipped)
        let output = network.accept(Array(held[(skipped * dims)...]))
        held = []
        return (network, output)
    }

    /// The current utterance's transcript so far by best-path decoding (words timed from the start
    /// of the stream); empty between utterances. It may change until the final result, which
    /// comes from `decoder` (prefix beam search by default).
    public var partialResult: Transcript {
        if let cachedPartial { return cachedPartial }
        let partial = decode(with: partialDecoder)
        cachedPartial = partial
        return partial
    }

    /// Ends the stream: processes what is buffered with the look-ahead that exists and returns the
    /// last utterances. The recognizer then starts a new stream at time 0.
    public func finish() -> [StreamingUtterance] {
        let rest = normalized(featurizer.finish(levels: &pendingLevels))
        let network: LatencyControlledBiGRU
        var logProbs: [Float]
        if let running = self.network {
            (network, logProbs) = (running, running.accept(rest))
        } else {  // no speech heard: the whole (short) stream, as offline
            held += rest
            (network, logProbs) = startNetwork(at: 0)
        }
        logProbs += network.finish()
        var finals = consume(logProbs)
        if let last = endUtterance(reason: .endOfStream) {  // decoded like offline, even without a confident frame
            finals.append(last)
        }
        endpointer = Endpointer(options: options.endpoint, timing: endpointer.timing)
        (utterance, utteranceLevels, pendingLevels) = ([], [], [])
        (utteranceStart, framesOutput, samplesAccepted, cachedPartial) = (0, 0, 0, nil)
        (gate, self.network) = (SpeechOnsetGate(options: options, timing: endpointer.timing), nil)
        return finals
    }

    private var classes: Int { model.config.vocabulary.count }

    private func normalized(_ features: FeatureMatrix) -> [Float] {
        features.frames == 0 ? [] : model.config.cmvn.apply(to: features).values
    }

    /// Appends log-probs `[n, classes]` to the utterance frame by frame, ending utterances where
    /// the endpointer says.
    private func consume(_ logProbs: [Float]) -> [StreamingUtterance] {
        guard !logProbs.isEmpty else { return [] }
        cachedPartial = nil
        var finals: [StreamingUtterance] = []
        for row in stride(from: 0, to: logProbs.count, by: classes) {
            utterance += logProbs[row..<row + classes]
            framesOutput += 1
            // Frame t's samples are complete before its features are, so its level is here.
            let level = pendingLevels.removeFirst()
            utteranceLevels.append(level)
            switch endpointer.advance(blankLogProbability: logProbs[row], level: level) {
            case .continue: continue
            case .discard: startUtterance()
            case .final(let reason):
                if let result = endUtterance(reason: reason) { finals.append(result) }
            }
        }
        return finals
    }

    /// The current utterance's final result (nil if it decodes to no words), and a new utterance.
    private func endUtterance(reason: Endpointer.Reason) -> StreamingUtterance? {
        let transcript = decode(with: decoder)
        let (timing, frames) = (decoder.timing, utterance.count / classes)
        let result = StreamingUtterance(
            transcript: transcript, start: timing.start(utteranceStart), end: timing.end(utteranceStart + frames - 1),
            endpoint: reason, streamTime: streamTime)
        startUtterance()
        return transcript.words.isEmpty ? nil : result
    }

    private func startUtterance() {
        utterance.removeAll(keepingCapacity: true)
        utteranceLevels.removeAll(keepingCapacity: true)
        utteranceStart = framesOutput
    }

    /// `decoder`'s transcript of the current utterance, words widened to their speech as
    /// `Recognizer` does, with times moved from the utterance's start to the stream's.
    private func decode(with decoder: CTCDecoder) -> Transcript {
        guard !utterance.isEmpty else { return Transcript(text: "", words: [], alternatives: []) }
        let logProbs = LogProbMatrix(frames: utterance.count / classes, classes: classes, values: utterance)
        var transcript = decoder.decode(logProbs, frameLevels: utteranceLevels)
        let offset = decoder.timing.duration(frames: utteranceStart)
        for i in transcript.words.indices {
            transcript.words[i].start += offset
            transcript.words[i].end += offset
        }
        return transcript
    }
}
