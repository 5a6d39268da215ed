import EarshotAudio
import Foundation
import Testing

@testable import Earshot

@Suite struct StreamSessionTests {
    /// `samples` as raw S16_LE written into a pipe by another thread, only the first `bytes` of
    /// them (the writer closes early, possibly mid-sample), read as `earshot stream -` reads stdin.
    static func pipeSource(_ samples: [Float], bytes: Int? = nil) throws -> RawPCMReader {
        signal(SIGPIPE, SIG_IGN)
        var pcm = [UInt8]()
        for sample in samples {
            let value = UInt16(bitPattern: Int16(max(-32768, min(32767, (sample * 32768).rounded()))))
            pcm += [UInt8(value & 0xff), UInt8(value >> 8)]
        }
        let sent = Array(pcm.prefix(bytes ?? pcm.count))
        var ends: [Int32] = [0, 0]
        try #require(pipe(&ends) == 0)
        let (readEnd, writeEnd) = (ends[0], ends[1])
        Thread.detachNewThread {
            var offset = 0
            while offset < sent.count {
                let written = sent[offset..<min(sent.count, offset + 999)].withUnsafeBytes { write(writeEnd, $0.baseAddress, $0.count) }
                if written <= 0 { break }
                offset += written
            }
            close(writeEnd)
        }
        return try RawPCMReader(fileDescriptor: readEnd, sampleRate: 8000, label: "pipe")
    }

    static func events(_ source: RawPCMReader, speed: Double? = nil) throws -> ([StreamEvent], StreamSession.Statistics) {
        var events: [StreamEvent] = []
        let session = StreamSession(
            recognizer: try StreamingRecognizer(model: try BeepModel.model(), options: StreamingRecognizerTests.options), speed: speed)
        let statistics = try session.run(source) { events.append($0) }
        return (events, statistics)
    }

    @Test func rawPCMFromAPipeGivesPartialsThenFinals() throws {
        let (events, statistics) = try Self.events(try Self.pipeSource(StreamingRecognizerTests.speechSilenceSpeech))
        let finals = events.filter { $0.type == .final }
        #expect(finals.map(\.text) == ["beep", "beep"])
        #expect(statistics.finals == 2 && abs(statistics.audioSeconds - 3.5) < 1e-3)
        let firstPartial = try #require(events.firstIndex { $0.type == .partial && $0.text == "beep" })
        let firstFinal = try #require(events.firstIndex { $0.type == .final })
        #expect(firstPartial < firstFinal)
        for final in finals {
            let latency = try #require(final.latencyMilliseconds)
            #expect(latency > 600 && latency < 900)
        }
        #expect(statistics.chunkCompute.count > 20 && statistics.realTimeFactor > 0)
    }

    @Test func aStopRequestFinishesTheUtteranceInProgress() throws {
        let session = StreamSession(
            recognizer: try StreamingRecognizer(model: try BeepModel.model(), options: StreamingRecognizerTests.options), speed: nil)
        let stop = StopRequest()
        var events: [StreamEvent] = []
        // Ctrl-C while the first beep is heard: no more audio is read, and the beep still gets its final
        let statistics = try session.run(try Self.pipeSource(StreamingRecognizerTests.speechSilenceSpeech), stop: stop) { event in
            events.append(event)
            if event.type == .partial { stop.request() }
        }
        #expect(events.filter { $0.type == .final }.map(\.text) == ["beep"])
        #expect(events.last?.endpoint == .endOfStream)
        #expect(statistics.audioSeconds < 1.5)
    }

    @Test func aWriterThatClosesEarlyEndsTheStreamCleanly() throws {
        // Cut 0.2 s into the second tone, in the middle of a sample.
        let bytes = 2 * Int(2.2 * 8000) + 1
        let (events, _) = try Self.events(try Self.pipeSource(StreamingRecognizerTests.speechSilenceSpeech, bytes: bytes))
        let finals = events.filter { $0.type == .final }
        #expect(finals.map(\.text) == ["beep", "beep"])
        #expect(finals.map(\.endpoint) == [.trailingSilence, .endOfStream])
        #expect(abs((finals.last?.streamTime ?? 0) - 2.2) < 1e-3)
    }

    @Test func realTimePaceTakesTheAudiosTime() throws {
        let (_, statistics) = try Self.events(try Self.pipeSource(BeepModel.signal([(false, 1)])), speed: 10)
        #expect(statistics.wallSeconds >= 0.1 * 0.95)
    }

    @Test func finalsEncodeAsDocumented() throws {
        let (events, _) = try Self.events(try Self.pipeSource(StreamingRecognizerTests.speechSilenceSpeech))
        let final = try #require(events.first { $0.type == .final })
        let object = try JSONSerialization.jsonObject(with: JSONEncoder().encode(final)) as? [String: Any]
        #expect(Set(object?.keys.map { $0 } ?? []) == ["type", "text", "words", "stream_time", "start", "end", "endpoint", "latency_ms"])
        #expect(object?["endpoint"] as? String == "trailing-silence")
    }

    @Test func histogramQuantilesAreWithinABucket() {
        var histogram = DurationHistogram()
        for i in 1...1000 { histogram.record(Double(i) * 1e-4) }
        #expect(abs(histogram.quantile(0.5) - 0.05) <= 0.05 * 0.011)
        #expect(abs(histogram.quantile(0.95) - 0.095) <= 0.095 * 0.011)
        #expect(histogram.quantile(1) == 0.1 && histogram.maximum == 0.1 && histogram.count == 1000)
    }
}
