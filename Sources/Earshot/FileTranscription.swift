import Dispatch
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
    public func transcribe(file path: String, posteriors: Bool = false) throws -> FileTranscription {
        let start = DispatchTime.now().uptimeNanoseconds
        let audio = try readAudio(path)
        let (features, logProbs) = try self.posteriors(audio, label: path)
        let transcript = decode(logProbs, audio: audio)
        func rows(_ values: [Float], width: Int) -> [[Float]] {
            stride(from: 0, to: values.count, by: width).map { Array(values[$0..<($0 + width)]) }
        }
        return FileTranscription(
            file: path, text: transcript.text, words: transcript.words, duration: audio.duration,
            processingSeconds: Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9,
            alternatives: transcript.alternatives,
            features: posteriors ? rows(features.values, width: features.dims) : nil,
            logProbs: posteriors ? rows(logProbs.values, width: logProbs.classes) : nil)
    }

    /// Transcribes `paths` on `threads` threads. `report` receives each result in the order of
    /// `paths`, as soon as it and all before it are done, one call at a time; a file that fails
    /// reports its error and the others go on.
    public func transcribe(
        files paths: [String], threads: Int, posteriors: Bool = false,
        report: (_ index: Int, _ result: Result<FileTranscription, any Error>) -> Void
    ) {
        withoutActuallyEscaping(report) { report in
            let queue = ResultQueue(report: report)
            Parallel.forEach(paths.count, threads: threads) { index in
                queue.deliver(index, Result { try self.transcribe(file: paths[index], posteriors: posteriors) })
            }
        }
    }
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
