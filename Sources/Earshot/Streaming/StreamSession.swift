import Dispatch
import EarshotAudio
import Foundation

/// Drives a `StreamingRecognizer` from an `AudioSource` as a microphone would: one chunk of
/// `recognizer.chunkSamples` at a time, each released when its last sample would have been
/// spoken at `speed` × real time (nil: as fast as the source delivers). Reports a partial event
/// whenever the partial text changes (and is not empty) and a final event per utterance, and times every chunk.
public struct StreamSession {
    public let recognizer: StreamingRecognizer
    /// Playback speed relative to real time; nil feeds chunks as fast as they can be read.
    public let speed: Double?

    public init(recognizer: StreamingRecognizer, speed: Double?) {
        precondition(speed.map { $0 > 0 } ?? true, "speed must be positive")
        self.recognizer = recognizer
        self.speed = speed
    }

    /// What one run measured.
    public struct Statistics: Sendable {
        /// Seconds of audio streamed.
        public var audioSeconds = 0.0
        /// Wall-clock seconds of the whole run, waits included.
        public var wallSeconds = 0.0
        /// Compute time of each `accept` call (and of `finish`).
        public var chunkCompute = DurationHistogram()
        public var finals = 0

        /// Compute seconds per second of audio.
        public var realTimeFactor: Double { audioSeconds > 0 ? chunkCompute.total / audioSeconds : 0 }
    }

    /// Streams `source` (at the recognizer's rate) to its end, or until `stop` is requested, then
    /// finishes the recognizer, so the utterance in progress gets its final result.
    /// Throws what the source throws, after reporting what was recognized before.
    @discardableResult
    public func run(_ source: some AudioSource, stop: StopRequest = StopRequest(), report: (StreamEvent) -> Void) throws -> Statistics {
        precondition(source.sampleRate == recognizer.sampleRate, "source at \(source.sampleRate) Hz, model at \(recognizer.sampleRate)")
        var statistics = Statistics()
        var lastPartial = ""
        let started = DispatchTime.now().uptimeNanoseconds
        func seconds(since start: UInt64) -> Double { Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9 }
        func step(_ work: () -> [StreamingUtterance]) {
            let start = DispatchTime.now().uptimeNanoseconds
            let finals = work()
            let partial = recognizer.partialResult
            let compute = seconds(since: start)  // the chunk's whole cost: network, endpointing, decoding
            statistics.chunkCompute.record(compute)
            for utterance in finals { report(StreamEvent(final: utterance, computeSeconds: compute)) }
            statistics.finals += finals.count
            if !finals.isEmpty { lastPartial = "" }
            if !partial.text.isEmpty && partial.text != lastPartial {
                report(StreamEvent(partial: partial, streamTime: recognizer.streamTime))
                lastPartial = partial.text
            }
        }
        var failure: (any Error)?
        do {
            while !stop.isRequested, let chunk = try source.read(maxSamples: recognizer.chunkSamples) {
                if let speed {
                    // the chunk is complete (samples so far) / rate / speed seconds after the start
                    let due = (recognizer.streamTime + Double(chunk.count) / Double(recognizer.sampleRate)) / speed
                    let wait = due - seconds(since: started)
                    if wait > 0 { Thread.sleep(forTimeInterval: wait) }
                }
                step { recognizer.accept(samples: chunk) }
            }
        } catch {
            failure = error
        }
        statistics.audioSeconds = recognizer.streamTime
        step { recognizer.finish() }
        statistics.wallSeconds = seconds(since: started)
        if let failure { throw failure }
        return statistics
    }
}
