import Dispatch
import EarshotAudio
import EarshotFeatures
import EarshotNN
import Foundation

/// One file's result as `earshot transcribe --json` prints it (one JSON Lines object).
public struct FileTranscription: Codable, Sendable, Equatable {
    public var file: String
    public var text: String
    public var words: [WordTiming]
    /// Seconds of audio.
    public var duration: Double
    /// Wall-clock seconds from reading the file to the transcript.
    public var processingSeconds: Double
    /// The n-best list.
    public var alternatives: [Hypothesis]?
    /// With `posteriors`: the features, one row per frame, before CMVN.
    public var features: [[Float]]?
    /// With `posteriors`: the network's log-probs, one row per frame, symbol 0 the blank.
    public var logProbs: [[Float]]?

    enum CodingKeys: String, CodingKey {
        case file, text, words, duration, alternatives, features
        case processingSeconds = "processing_seconds"
        case logProbs = "log_probs"
    }
}

extension Recognizer {
    /// The transcription of one file, timed; with `posteriors`, also the features and log-probs.
    /// A file whose header declares more than `limits.maxDuration` seconds is refused before it
    /// is decoded (`AudioError.tooLong`); one longer than `limits.windowSeconds` is read and
    /// recognized in windows cut in pauses (`transcribeInWindows`), in bounded memory.
    public func transcribe(
        file path: String, posteriors: Bool = false, limits: FileTranscriptionLimits = FileTranscriptionLimits()
    ) throws -> FileTranscription {
        let start = DispatchTime.now().uptimeNanoseconds
        let info = try AudioReader.info(path, maxDuration: limits.maxDuration)
        var features: [[Float]] = []
        var logProbRows: [[Float]] = []
        func keep(_ matrix: FeatureMatrix, _ logProbs: LogProbMatrix) {
            guard posteriors else { return }
            features += rows(matrix.values, width: matrix.dims)
            logProbRows += rows(logProbs.values, width: logProbs.classes)
        }
        let transcript: Transcript
        let duration: Double
        if info.duration > limits.windowSeconds {
            let source = try AudioFileChunkReader(path: path, sampleRate: model.config.sampleRate)
            let windowFrames = decoder.timing.frames(seconds: limits.windowSeconds)
            let (windowed, samples) = try transcribeInWindows(source, windowFrames: windowFrames, each: keep)
            (transcript, duration) = (windowed, Double(samples) / Double(source.sampleRate))
        } else {
            let audio = try readAudio(path)
            let heard = try self.posteriors(audio, label: path)
            keep(heard.features, heard.logProbs)
            (transcript, duration) = (decode(heard), audio.duration)
        }
        return FileTranscription(
            file: path, text: transcript.text, words: transcript.words, duration: duration,
            processingSeconds: Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9,
            alternatives: transcript.alternatives,
            features: posteriors ? features : nil,
            logProbs: posteriors ? logProbRows : nil)
    }

    /// Transcribes `paths` on `threads` threads. `report` receives each result in the order of
    /// `paths`, as soon as it and all before it are done, one call at a time; a file that fails
    /// reports its error and the others go on.
    public func transcribe(
        files paths: [String], threads: Int, posteriors: Bool = false,
        limits: FileTranscriptionLimits = FileTranscriptionLimits(),
        report: (_ index: Int, _ result: Result<FileTranscription, any Error>) -> Void
    ) {
        withoutActuallyEscaping(report) { report in
            let queue = ResultQueue(report: report)
            Parallel.forEach(paths.count, threads: threads) { index in
                queue.deliver(index, Result { try self.transcribe(file: paths[index], posteriors: posteriors, limits: limits) })
            }
        }
    }
}

/// `values` cut into rows of `width`.
private func rows(_ values: [Float], width: Int) -> [[Float]] {
    stride(from: 0, to: values.count, by: width).map { Array(values[$0..<($0 + width)]) }
}

/// Holds results that arrive out of order and hands them on in order.
private final class ResultQueue<Value> {
    private var pending: [Int: Value] = [:]
    private var next = 0
    private let lock = NSLock()
    private let report: (Int, Value) -> Void

    init(report: @escaping (Int, Value) -> Void) {
        self.report = report
    }

    func deliver(_ index: Int, _ value: Value) {
        lock.withLock {
            pending[index] = value
            while let ready = pending.removeValue(forKey: next) {
                report(next, ready)
                next += 1
            }
        }
    }
}
