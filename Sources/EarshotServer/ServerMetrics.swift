import Foundation
import Prometheus

/// What `GET /metrics` reports, in Prometheus's text format.
final class ServerMetrics: Sendable {
    let registry = PrometheusCollectorRegistry()
    let streamsOpen: Gauge
    let streamsTotal: Counter
    let streamsRefused: Counter
    let audioSeconds: Counter
    let computeSeconds: Counter
    let realTimeFactor: Gauge
    let finals: Counter
    /// Stream time from the end of a final's last word to the final (chunk, look-ahead and
    /// trailing-silence waits plus compute), and wall-clock time from a message's arrival to its
    /// reply (queueing for a decode thread plus compute).
    let finalLatency: ValueHistogram
    let replyLatency: ValueHistogram
    let transcribeRequests: Counter
    let transcribeLatency: ValueHistogram
    private let totals = NSLock()
    nonisolated(unsafe) private var audio = 0.0
    nonisolated(unsafe) private var compute = 0.0

    init() {
        streamsOpen = registry.makeGauge(descriptor: .init(metricName: "earshot_streams_open", unitName: "", helpText: "WebSocket recognition streams open now"))
        streamsTotal = registry.makeCounter(descriptor: .init(metricName: "earshot_streams_total", unitName: "", helpText: "WebSocket recognition streams accepted"))
        streamsRefused = registry.makeCounter(descriptor: .init(metricName: "earshot_streams_refused_total", unitName: "", helpText: "WebSocket streams closed at once: token, origin or --max-streams"))
        audioSeconds = registry.makeCounter(descriptor: .init(metricName: "earshot_audio_seconds_total", unitName: "", helpText: "Seconds of audio recognized (streams and requests)"))
        computeSeconds = registry.makeCounter(descriptor: .init(metricName: "earshot_compute_seconds_total", unitName: "", helpText: "Compute seconds spent recognizing"))
        realTimeFactor = registry.makeGauge(descriptor: .init(metricName: "earshot_real_time_factor", unitName: "", helpText: "Compute seconds per second of audio since the server started"))
        finals = registry.makeCounter(descriptor: .init(metricName: "earshot_finals_total", unitName: "", helpText: "Final results sent on streams"))
        let seconds: [Double] = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 0.75, 1, 1.25, 1.5, 2, 3, 5, 10]
        finalLatency = registry.makeValueHistogram(descriptor: .init(metricName: "earshot_final_latency_seconds", unitName: "", helpText: "From the end of a final's last word to the final, in stream time plus compute"), buckets: seconds)
        replyLatency = registry.makeValueHistogram(descriptor: .init(metricName: "earshot_reply_seconds", unitName: "", helpText: "From an audio message's arrival to its reply, wall clock"), buckets: seconds)
        transcribeRequests = registry.makeCounter(descriptor: .init(metricName: "earshot_transcribe_requests_total", unitName: "", helpText: "POST /v1/transcribe requests answered"))
        transcribeLatency = registry.makeValueHistogram(descriptor: .init(metricName: "earshot_transcribe_seconds", unitName: "", helpText: "POST /v1/transcribe wall-clock time"), buckets: seconds)
    }

    func recognized(audio seconds: Double, compute: Double) {
        audioSeconds.increment(by: seconds)
        computeSeconds.increment(by: compute)
        let factor = totals.withLock {
            audio += seconds
            self.compute += compute
            return audio > 0 ? self.compute / audio : 0
        }
        realTimeFactor.set(factor)
    }

    func text() -> String { registry.emitToString() }
}
