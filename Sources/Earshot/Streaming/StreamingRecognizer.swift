import EarshotFeatures
import EarshotNN

/// Recognizes audio while it arrives, with the work per chunk bounded however long the stream
/// runs: `StreamingFeaturizer` → global CMVN per frame → `FrameStacker` (if the model stacks
/// frames; every frame below is a network frame) → `LatencyControlledBiGRU` → log-probs →
/// `Endpointer`, partial results by best path; at each endpoint, the final result by a second,
/// offline pass of the network over the utterance's frames, then `CTCDecoder`.
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
/// Why two passes and a network per utterance: a bidirectional CTC model trained on clips ties
/// its emissions to the clip's edges. It may emit the first word where the forward direction
/// starts (frame 0) and the last word where the backward direction starts (the last frame). A
/// latency-controlled network never reaches a last frame while the stream goes on (its backward
/// direction restarts at every look-ahead's end), so such a model holds the last word of an
/// utterance back, into the next one or forever. So every utterance is treated as a clip:
/// - the streaming network starts at the utterance's first speech (`SpeechOnsetGate`: leading
///   silence is held back, less a pre-roll), and is dropped at its endpoint; it gives the
///   partial results and the endpointer's blank posteriors;
/// - the final result decodes the offline network's log-probs of the utterance's frames, up to
///   the endpoint and from `StreamingOptions.finalLeadMilliseconds` before the network's start
///   (cost: one pass over at most `EndpointOptions.maxUtteranceSeconds` and that lead), so an
///   utterance that is a whole clip gets the offline transcript.
///
/// Memory: the featurizer's and network's bounded buffers plus the current utterance's features
/// and log-probs, at most `EndpointOptions.maxUtteranceSeconds` long. One instance per stream;
/// not thread-safe.
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
    private var stacker: FrameStacker
    private let chunkFrames: Int
    private let lookAheadFrames: Int
    /// Frames of the first network chunk of a stream that starts at frame 0 (the chunk grid).
    private let firstChunkFrames: Int
    /// Frames before the network's start that the offline pass still gets, and trailing silent
    /// frames of an utterance ended by silence that it does not get.
    private let leadFrames: Int
    private let trimmedTailFrames: Int
    /// The current utterance's streaming network; nil while the gate is closed.
    private var network: LatencyControlledBiGRU?
    private var gate: SpeechOnsetGate
    private var endpointer: Endpointer
    /// Normalized feature frames `[frames, inputSize]` and their levels in dB (`SpeechExtent.frameLevels`),
    /// from stream frame `framesDecided` on: those the gate holds back, or the network's pending
    /// chunk and look-ahead. (Frame t's samples are complete before its features, so its level
    /// is always here with it.)
    private var pendingFeatures: [Float] = []
    private var pendingLevels: [Float] = []
    /// Whether an utterance of this stream has ended (final or discarded).
    private var endpointSeen = false
    /// The current utterance's normalized features and levels, and the streaming log-probs
    /// `[frames, classes]` of its frames from `networkStart` on.
    private var utteranceFeatures: [Float] = []
    private var utteranceLevels: [Float] = []
    private var utterance: [Float] = []
    /// Stream frame index of the utterance's first frame, of its network's first frame, and of
    /// the first pending frame.
    private var utteranceStart = 0
    private var networkStart = 0
    private var framesDecided = 0
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
        guard options.speechOnsetPreRollMilliseconds >= 0, options.speechOnsetMaxWaitMilliseconds >= 0,
            options.finalLeadMilliseconds >= 0, options.finalTailMilliseconds >= 0
        else {
            throw StreamingError.invalidOption("speech-onset pre-roll and wait, and the final's lead and tail, must be 0 ms or more")
        }
        self.model = model
        self.options = options
        let timing = model.config.frameTiming
        self.decoder = try CTCDecoder(vocabulary: model.config.vocabulary, options: decoder, timing: timing)
        var bestPath = decoder
        bestPath.beamWidth = 1
        partialDecoder = try CTCDecoder(vocabulary: model.config.vocabulary, options: bestPath, timing: timing)
        featurizer = try StreamingFeaturizer(model.config.features)
        stacker = FrameStacker(model.config.stacking, dims: featurizer.dimension)
        let frames = { (milliseconds: Int) in timing.frames(seconds: Double(milliseconds) / 1000) }
        (chunkFrames, lookAheadFrames) = (max(1, frames(options.chunkMilliseconds)), frames(options.lookAheadMilliseconds))
        chunkSamples = max(1, model.config.sampleRate * options.chunkMilliseconds / 1000)
        // Shift the chunk grid so a chunk's look-ahead completes just as a chunk of audio ends
        // (a frame's window reaches past its hop, so the frames of k audio chunks are a few short
        // of k network chunks, which would otherwise wait for one more chunk of audio):
        // first chunk = (frames after one audio chunk − look-ahead) mod chunk.
        let framesAfterOneChunk =
            model.config.features.frameOptions.frameCount(sampleCount: chunkSamples, flush: false) / timing.stacking
        let offset = ((framesAfterOneChunk - lookAheadFrames) % chunkFrames + chunkFrames) % chunkFrames
        firstChunkFrames = offset == 0 ? chunkFrames : offset
        leadFrames = frames(options.finalLeadMilliseconds)
        endpointer = Endpointer(options: options.endpoint, timing: timing)
        trimmedTailFrames = max(0, endpointer.trailingSilenceFrames - frames(options.finalTailMilliseconds))
        gate = SpeechOnsetGate(options: options, timing: timing)
    }

    /// The rate, in Hz, of the samples `accept` takes (the model's).
    public var sampleRate: Int { model.config.sampleRate }
    /// Seconds of audio accepted since the stream started.
    public var streamTime: Double { Double(samplesAccepted) / Double(sampleRate) }
    /// Frames held for the current utterance (bounded by the endpoint rules).
    var utteranceFrames: Int { utteranceLevels.count }

    /// Takes the next samples (mono, in [-1, 1], at `sampleRate`; any count) and returns the
    /// utterances they completed, oldest first.
    public func accept(samples: [Float]) -> [StreamingUtterance] {
        samplesAccepted += samples.count
        let (features, levels) = stacked { featurizer.accept(samples, levels: &$0) }
        pendingFeatures += features
        pendingLevels += levels
        if let network { return consume(network.accept(features)) }
        guard let start = gate.judge(levels) else { return [] }
        return consume(startNetwork(skipping: start))
    }

    /// The current utterance's transcript so far by best-path decoding of the streaming
    /// network's log-probs (words timed from the start of the stream); empty between utterances.
    /// It may change until the final result.
    public var partialResult: Transcript {
        if let cachedPartial { return cachedPartial }
        let partial = decode(utterance, from: networkStart, with: partialDecoder)
        cachedPartial = partial
        return partial
    }

    /// Ends the stream: processes what is buffered with the look-ahead that exists and returns the
    /// last utterances. The recognizer then starts a new stream at time 0.
    public func finish() -> [StreamingUtterance] {
        let (features, levels) = stacked { featurizer.finish(levels: &$0) }
        let last = stacker.finish()
        let rest = features + last.features.values
        pendingFeatures += rest
        pendingLevels += levels + last.levels
        var finals = network.map { consume($0.accept(rest)) } ?? []
        while !pendingLevels.isEmpty {  // an endpoint may drop the network with frames pending
            // Gate still closed: a stream with no endpoint yet is decoded as offline (a quiet clip);
            // after an endpoint, frames the gate did not open on are the silence after it.
            if network == nil && endpointSeen {
                dropPending(pendingLevels.count)
                break
            }
            finals += consume(network.map { $0.finish() } ?? startNetwork(skipping: 0))
        }
        if let last = endUtterance(reason: .endOfStream) {  // decoded like offline, even without a confident frame
            finals.append(last)
        }
        endpointer = Endpointer(options: options.endpoint, timing: endpointer.timing)
        (utteranceStart, networkStart, framesDecided, samplesAccepted) = (0, 0, 0, 0)
        (gate, network, endpointSeen) = (SpeechOnsetGate(options: options, timing: endpointer.timing), nil, false)
        return finals
    }

    private var classes: Int { model.config.vocabulary.count }
    private var dimensions: Int { model.config.network.inputSize }

    /// The frames `featurize` gives (with their levels) normalised, and those of them the
    /// stacker completes, as network frames `[n, inputSize]` with their levels.
    private func stacked(_ featurize: (inout [Float]) -> FeatureMatrix) -> (features: [Float], levels: [Float]) {
        var levels: [Float] = []
        let features = featurize(&levels)
        let normalized = features.frames == 0 ? features : model.config.cmvn.apply(to: features)
        let out = stacker.accept(normalized, levels: levels)
        return (out.features.values, out.levels)
    }

    /// Starts the utterance's network `start` pending frames on (of those, the last `leadFrames`
    /// join the utterance for its offline pass, the rest are dropped), on the chunk grid of a
    /// network started at stream frame 0 (so chunks still complete with chunks of audio), and
    /// returns its output for the pending frames.
    private func startNetwork(skipping start: Int) -> [Float] {
        let skipped = min(start, pendingLevels.count), lead = min(skipped, leadFrames)
        dropPending(skipped - lead)
        utteranceStart = framesDecided + skipped - lead
        utteranceFeatures = Array(pendingFeatures.prefix(lead * dimensions))
        utteranceLevels = Array(pendingLevels.prefix(lead))
        dropPending(lead)
        framesDecided += skipped
        networkStart = framesDecided
        // the grid's next boundary at or after the start: firstChunkFrames + k · chunkFrames
        let first = framesDecided < firstChunkFrames
            ? firstChunkFrames - framesDecided : chunkFrames - (framesDecided - firstChunkFrames) % chunkFrames
        let network = LatencyControlledBiGRU(
            network: model.network, chunkFrames: chunkFrames, lookAheadFrames: lookAheadFrames, firstChunkFrames: first)
        self.network = network
        return network.accept(pendingFeatures)
    }

    /// Moves the network's log-probs `[n, classes]` into the utterance frame by frame, ending
    /// utterances where the endpointer says. After an endpoint the network is dropped (its rows
    /// left are not used) and the gate judges the pending frames for the next one.
    private func consume(_ logProbs: [Float]) -> [StreamingUtterance] {
        guard !logProbs.isEmpty else { return [] }
        cachedPartial = nil
        var finals: [StreamingUtterance] = []
        var rows = logProbs[...]
        var taken = 0  // pending frames moved into the utterance; removed from the front in one go
        while !rows.isEmpty {
            let row = rows.prefix(classes)
            rows = rows.dropFirst(classes)
            utterance += row
            utteranceFeatures += pendingFeatures[taken * dimensions..<(taken + 1) * dimensions]
            let level = pendingLevels[taken]
            taken += 1
            utteranceLevels.append(level)
            framesDecided += 1
            switch endpointer.advance(blankLogProbability: row[row.startIndex], level: level) {
            case .continue: continue
            case .discard: startUtterance()
            case .final(let reason):
                if let result = endUtterance(reason: reason) { finals.append(result) }
            }
            dropPending(taken)
            taken = 0
            (network, gate, endpointSeen) = (nil, SpeechOnsetGate(options: options, timing: endpointer.timing), true)
            guard let start = gate.judge(pendingLevels) else { break }
            rows = startNetwork(skipping: start)[...]
        }
        dropPending(taken)
        return finals
    }

    private func dropPending(_ frames: Int) {
        pendingFeatures.removeFirst(frames * dimensions)
        pendingLevels.removeFirst(frames)
    }

    /// The current utterance's final result (nil if it decodes to no words), and a new utterance.
    private func endUtterance(reason: Endpointer.Reason) -> StreamingUtterance? {
        let frames = utteranceLevels.count
        // An utterance ended by silence: its last `endpointer.trailingSilenceFrames` are silent; keep a tail of them.
        let heard = reason == .trailingSilence ? frames - trimmedTailFrames : frames
        let offline = heard <= 0 ? [] : model.network.logProbs(Array(utteranceFeatures[0..<heard * dimensions]), frames: heard)
        let transcript = decode(offline, from: utteranceStart, with: decoder)
        let timing = decoder.timing
        let result = StreamingUtterance(
            transcript: transcript, start: timing.start(utteranceStart), end: timing.end(utteranceStart + frames - 1),
            endpoint: reason, streamTime: streamTime)
        startUtterance()
        return transcript.words.isEmpty ? nil : result
    }

    private func startUtterance() {
        utterance.removeAll(keepingCapacity: true)
        utteranceFeatures.removeAll(keepingCapacity: true)
        utteranceLevels.removeAll(keepingCapacity: true)
        (utteranceStart, networkStart) = (framesDecided, framesDecided)
    }

    /// `decoder`'s transcript of log-probs `[frames, classes]` of the current utterance's frames
    /// from stream frame `start` on, words widened to their speech as `Recognizer` does, with
    /// times moved to the stream's.
    private func decode(_ logProbs: [Float], from start: Int, with decoder: CTCDecoder) -> Transcript {
        guard !logProbs.isEmpty else { return Transcript(text: "", words: [], alternatives: []) }
        let matrix = LogProbMatrix(frames: logProbs.count / classes, classes: classes, values: logProbs)
        let first = start - utteranceStart
        return decoder.decode(matrix, frameLevels: Array(utteranceLevels[first..<first + matrix.frames]))
            .shifted(by: decoder.timing.duration(frames: start))
    }
}
