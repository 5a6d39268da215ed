import EarshotAudio
import EarshotFeatures
import Foundation

/// Audio in, words out: resample to the model's rate, features with the model's own options,
/// CMVN, frame stacking (if the model stacks), the network, then `CTCDecoder`.
///
/// Thread safety: any number of threads may call `transcribe` at once; each call borrows a
/// featurizer of its own from a pool, and the network and decoder are read-only.
public final class Recognizer: @unchecked Sendable {
    public let model: Model
    public let decoder: CTCDecoder
    private var idleFeaturizers: [Featurizer] = []
    private let lock = NSLock()

    /// Fails if the options do not fit the model (e.g. an allowed word it does not know).
    public init(model: Model, options: DecoderOptions = DecoderOptions()) throws(DecoderOptionsError) {
        self.model = model
        decoder = try CTCDecoder(vocabulary: model.config.vocabulary, options: options, timing: model.config.frameTiming)
    }

    /// The transcript of the audio file at `path` (any format libsndfile reads, any rate).
    public func transcribe(path: String) throws -> Transcript {
        try transcribe(audio: readAudio(path), label: path)
    }

    /// The transcript of `samples` (mono, in [-1, 1]) at `sampleRate` Hz, resampled if needed.
    public func transcribe(samples: [Float], sampleRate: Int) throws -> Transcript {
        var audio = Audio(samples: samples, sampleRate: sampleRate)
        if sampleRate != model.config.sampleRate {
            audio = Audio(
                samples: try Resampler(from: sampleRate, to: model.config.sampleRate, label: "samples").resample(samples),
                sampleRate: model.config.sampleRate)
        }
        return try transcribe(audio: audio, label: "samples")
    }

    /// What the network made of one clip: its features (before CMVN and stacking), the network's
    /// log-probs, and the levels (dB) of the network's frames, which time the words and find a
    /// leading pause.
    public struct Posteriors: Sendable {
        public let features: FeatureMatrix
        public let logProbs: LogProbMatrix
        public let levels: [Float]
    }

    /// The features, log-probs and frame levels of `audio` at the model's rate.
    public func posteriors(_ audio: Audio, label: String) throws -> Posteriors {
        precondition(audio.sampleRate == model.config.sampleRate, "audio at \(audio.sampleRate) Hz, model at \(model.config.sampleRate)")
        let needed = model.config.minimumSamples
        guard audio.samples.count >= needed else {
            throw AudioError.tooShort(label, samples: audio.samples.count, needed: needed)
        }
        let features = try withFeaturizer { $0.compute(audio.samples) }
        let frames = model.config.stacking.stackedCount(features.frames)
        let levels = SpeechExtent.frameLevels(audio.samples, timing: decoder.timing, frames: frames)
        return Posteriors(features: features, logProbs: logProbs(features, levels: levels), levels: levels)
    }

    /// The network's log-probs for `features` (before CMVN and frame stacking, which this applies):
    /// one row per network frame, ⌈frames / `frameStacking`⌉. `levels` are those frames' levels;
    /// frames of a leading pause that a stream would not hear either
    /// (`SpeechOnsetGate.offlineSkip`) are not run and come out as certain blanks.
    func logProbs(_ features: FeatureMatrix, levels: [Float]) -> LogProbMatrix {
        let input = model.config.stacking.apply(to: model.config.cmvn.apply(to: features))
        let classes = model.config.vocabulary.count
        let skip = min(SpeechOnsetGate.offlineSkip(levels: levels, timing: decoder.timing), input.frames)
        let heard = model.network.logProbs(Array(input.values[(skip * input.dims)...]), frames: input.frames - skip)
        return LogProbMatrix(frames: input.frames, classes: classes, values: LogProbMatrix.certainBlanks(skip, classes: classes) + heard)
    }

    /// Reads `path` at the model's rate, requiring at least one frame of audio.
    func readAudio(_ path: String) throws -> Audio {
        try AudioReader.read(
            path, sampleRate: model.config.sampleRate,
            minimumSamples: model.config.minimumSamples)
    }

    func transcribe(audio: Audio, label: String) throws -> Transcript {
        decode(try posteriors(audio, label: label))
    }

    /// Decodes with word times widened to the speech around each emission.
    func decode(_ posteriors: Posteriors) -> Transcript {
        decoder.decode(posteriors.logProbs, frameLevels: posteriors.levels)
    }

    /// Runs `body` with a featurizer no other thread is using.
    private func withFeaturizer<T>(_ body: (Featurizer) -> T) throws -> T {
        let featurizer = try lock.withLock { idleFeaturizers.popLast() } ?? Featurizer(model.config.features)
        defer { lock.withLock { idleFeaturizers.append(featurizer) } }
        return body(featurizer)
    }
}
