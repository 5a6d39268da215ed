import Earshot
import Foundation
import Hummingbird
import HummingbirdCore
import HummingbirdWebSocket
import Logging
import NIOCore
import NIOWebSocket
import ServiceLifecycle

/// How `earshot serve` runs.
public struct ServerConfiguration: Sendable {
    public var host = "127.0.0.1"
    /// 0 picks a free port (printed when the server runs).
    public var port = 2700
    /// WebSocket streams open at once; more are closed with 1013.
    public var maxStreams = 64
    /// If set, WebSockets and POST need `Authorization: Bearer TOKEN` or `?token=TOKEN`.
    public var token: String?
    /// Origins (e.g. `https://example.org`, or `*`) whose pages may open streams, besides the
    /// server's own page; requests without an Origin (non-browser clients) are always allowed.
    public var allowedOrigins: [String] = []
    /// Largest POST /v1/transcribe body.
    public var maxBodyBytes = 32 << 20
    /// Largest WebSocket message (a frame of PCM).
    public var maxMessageBytes = 1 << 20
    /// A stream with no message for this long is closed (1001).
    public var idleTimeout: Duration = .seconds(60)
    /// Recognition jobs computing at once (default: the cores).
    public var threads = ProcessInfo.processInfo.activeProcessorCount
    /// The rate of a stream's PCM until its config says otherwise (default: the model's).
    public var sampleRate: Int?
    public var streaming = StreamingOptions()
    public var decoder = DecoderOptions(nBest: 1)
    public var logLevel: Logger.Level = .warning

    public init() {}
}

/// `earshot serve`: Vosk's WebSocket protocol on `/`, `earshot stream --json` events on
/// `/v1/stream`, `POST /v1/transcribe`, `GET /healthz`, `GET /metrics` and a browser page at `/`.
/// Recognition runs on a `WorkerPool` of `threads` threads, never on the event loops; each
/// connection has one `RecognitionStream`.
public final class EarshotServer: Sendable {
    public let model: Model
    public let configuration: ServerConfiguration
    let pool: WorkerPool
    let metrics = ServerMetrics()
    let offline: Recognizer
    private let streams = StreamCount()

    public init(model: Model, configuration: ServerConfiguration) throws {
        self.model = model
        self.configuration = configuration
        model.network.threads = 1  // one core per job; the pool spreads jobs over the cores
        pool = WorkerPool(threads: max(1, configuration.threads))
        offline = try Recognizer(model: model, options: configuration.decoder)
        _ = try StreamingRecognizer(model: model, options: configuration.streaming, decoder: configuration.decoder)
    }

    /// Serves until SIGTERM or SIGINT, then stops gracefully: open streams get the final result of
    /// the utterance in progress and a close (1001), for up to `drainTimeout`; then no new
    /// connections, requests in flight finish. `onRunning` gets the bound port.
    public func run(onRunning: @escaping @Sendable (Int) -> Void = { _ in }) async throws {
        var logger = Logger(label: "earshot-serve")
        logger.logLevel = configuration.logLevel
        let app = Application(
            router: makeRouter(),
            server: .http1WebSocketUpgrade(
                configuration: .init(
                    http1: .init(idleTimeout: .seconds(Int64(configuration.idleTimeout.components.seconds) + 1)),
                    ws: .init(maxFrameSize: libraryMessageLimit, autoPing: .enabled(timePeriod: .seconds(30)),
                              closeTimeout: .seconds(5))),
                shouldUpgrade: { [self] request, _, _ in self.upgrade(request) }),
            configuration: .init(address: .hostname(configuration.host, port: configuration.port), serverName: "earshot"),
            onServerRunning: { channel in onRunning(channel.localAddress?.port ?? 0) },
            logger: logger)
        let group = ServiceGroup(
            configuration: .init(services: [app], gracefulShutdownSignals: [], cancellationSignals: [], logger: logger))
        var sources: [any DispatchSourceSignal] = []
        for signalNumber in [SIGTERM, SIGINT] {
            signal(signalNumber, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: signalNumber, queue: .global())
            source.setEventHandler { [self] in
                guard streams.startDraining() else { return }  // the first signal only
                Task {
                    await drain()
                    await group.triggerGracefulShutdown()
                }
            }
            source.resume()
            sources.append(source)
        }
        defer { sources.forEach { $0.cancel() } }
        try await group.run()
    }

    /// How long a stop waits for open streams to send their last results.
    public static let drainTimeout: Duration = .seconds(5)

    /// Asks every open stream to finish and waits until all have closed, or `drainTimeout`.
    func drain() async {
        streams.shutDownAll()
        let deadline = ContinuousClock.now + Self.drainTimeout
        while streams.open > 0 && ContinuousClock.now < deadline {
            try? await Task.sleep(for: .milliseconds(20))
        }
    }

    /// Messages up to this size reach `read`, which refuses those above `maxMessageBytes` with a
    /// reason; larger ones the WebSocket layer closes at once (1009, no reason).
    var libraryMessageLimit: Int { configuration.maxMessageBytes * 2 + ControlMessage.maxBytes }

    // MARK: HTTP

    func makeRouter() -> Router<BasicRequestContext> {
        let router = Router(context: BasicRequestContext.self)
        router.get("/healthz") { [self] _, _ in
            json(200, ["status": "ok", "streams_open": streams.open, "sample_rate": model.config.sampleRate,
                       "vocabulary": Array(model.config.vocabulary.dropFirst())] as [String: any Sendable])
        }
        router.get("/metrics") { [self] _, _ in
            Response(
                status: .ok, headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
                body: .init(byteBuffer: ByteBuffer(string: metrics.text())))
        }
        router.post("/v1/transcribe") { [self] request, context in try await transcribe(request, context: context) }
        for (path, file) in [("/", "index.html"), ("/index.html", "index.html"), ("/app.js", "app.js"), ("/pcm-worklet.js", "pcm-worklet.js")] {
            router.get(RouterPath(path)) { _, _ in try Self.resource(file) }
        }
        return router
    }

    static func resource(_ name: String) throws -> Response {
        guard let url = Bundle.module.url(forResource: name, withExtension: nil, subdirectory: "Resources"),
            let data = try? Data(contentsOf: url)
        else { throw HTTPError(.notFound, message: "\(name) is not installed") }
        let type = name.hasSuffix(".html") ? "text/html; charset=utf-8" : "text/javascript; charset=utf-8"
        return Response(
            status: .ok, headers: [.contentType: type, .cacheControl: "no-cache"],
            body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }

    func json(_ status: Int, _ object: [String: any Sendable]) -> Response {
        let data = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])) ?? Data()
        return Response(
            status: .init(code: status), headers: [.contentType: "application/json"],
            body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }

    /// The token check for `request`: nil if it passes.
    func tokenProblem(_ fields: HTTPFields, query: String?) -> String? {
        guard let token = configuration.token else { return nil }
        var offered: String?
        if let authorization = fields[.authorization], authorization.hasPrefix("Bearer ") {
            offered = String(authorization.dropFirst("Bearer ".count))
        } else if let query {
            offered = URI("/?" + query).queryParameters.get("token")
        }
        guard let offered else { return "missing token: send Authorization: Bearer TOKEN or ?token=TOKEN" }
        // compare every byte, whatever the first difference
        let (a, b) = (Array(offered.utf8), Array(token.utf8))
        var difference = a.count ^ b.count
        for i in 0..<min(a.count, b.count) { difference |= Int(a[i] ^ b[i]) }
        return difference == 0 ? nil : "bad token"
    }

    /// Whether a browser page from `origin` may open a stream: the server's own page, or one of
    /// `allowedOrigins`; a request without an Origin is not from a browser page.
    func originAllowed(_ origin: String?, authority: String?) -> Bool {
        guard let origin else { return true }
        if configuration.allowedOrigins.contains("*") || configuration.allowedOrigins.contains(origin) { return true }
        guard let authority else { return false }
        return origin == "http://\(authority)" || origin == "https://\(authority)"
    }

    func transcribe(_ request: Request, context: BasicRequestContext) async throws -> Response {
        if let problem = tokenProblem(request.headers, query: request.uri.query) {
            return json(401, ["error": problem])
        }
        let started = DispatchTime.now().uptimeNanoseconds
        let body: ByteBuffer
        do {
            if let length = request.headers[.contentLength].flatMap(Int.init), length > configuration.maxBodyBytes {
                throw NIOTooManyBytesError(maxBytes: configuration.maxBodyBytes)
            }
            body = try await request.body.collect(upTo: configuration.maxBodyBytes)
        } catch is NIOTooManyBytesError {
            return json(413, ["error": "body larger than \(configuration.maxBodyBytes) bytes (--max-body-bytes)"])
        }
        guard body.readableBytes > 0 else { return json(400, ["error": "empty body: send the audio file as the request body"]) }
        let name = request.uri.queryParameters.get("name") ?? "upload"
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("earshot-upload-\(UUID().uuidString)")
        let data = Data(buffer: body)
        let offline = self.offline
        let result: Result<FileTranscription, any Error> = try await pool.run {
            Result {
                try data.write(to: url)
                defer { try? FileManager.default.removeItem(at: url) }
                var transcription = try offline.transcribe(file: url.path)
                transcription.file = name
                transcription.alternatives = nil
                return transcription
            }
        }
        switch result {
        case .success(let transcription):
            metrics.recognized(audio: transcription.duration, compute: transcription.processingSeconds)
            metrics.transcribeRequests.increment()
            metrics.transcribeLatency.record(Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9)
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
            return Response(
                status: .ok, headers: [.contentType: "application/json"],
                body: .init(byteBuffer: ByteBuffer(bytes: try encoder.encode(transcription))))
        case .failure(let error):
            let message = "\(error)".replacingOccurrences(of: url.path, with: name)
            return json(422, ["error": message])
        }
    }

    // MARK: WebSocket

    enum StreamKind { case vosk, events }

    func upgrade(_ request: HTTPRequest) -> ShouldUpgradeResult<WebSocketDataHandler<HTTP1WebSocketUpgradeChannel.Context>> {
        let uri = URI(request.path ?? "/")
        let kind: StreamKind
        switch uri.path {
        case "/": kind = .vosk
        case "/v1/stream": kind = .events
        default: return .dontUpgrade
        }
        var refusal: StreamClose?
        if let problem = tokenProblem(request.headerFields, query: uri.query) {
            refusal = StreamClose(StreamClose.policyViolation, "unauthorized: \(problem)")
        } else if !originAllowed(request.headerFields[.origin], authority: request.authority) {
            refusal = StreamClose(StreamClose.policyViolation, "origin \(request.headerFields[.origin] ?? "") is not allowed (--allow-origin)")
        }
        return .upgrade([:]) { [self, refusal] inbound, outbound, _ in
            try await serve(kind, refusal: refusal, inbound: inbound, outbound: outbound)
        }
    }

    func close(_ outbound: WebSocketOutboundWriter, _ close: StreamClose) async throws {
        try await outbound.close(WebSocketErrorCode(codeNumber: Int(close.code)), reason: close.reason)
    }

    func serve(_ kind: StreamKind, refusal: StreamClose?, inbound: WebSocketInboundStream, outbound: WebSocketOutboundWriter)
        async throws
    {
        if let refusal {
            metrics.streamsRefused.increment()
            return try await close(outbound, refusal)
        }
        guard streams.tryOpen(max: configuration.maxStreams) else {
            metrics.streamsRefused.increment()
            return try await close(
                outbound, StreamClose(StreamClose.tryAgainLater, "too many streams: \(configuration.maxStreams) open (--max-streams)"))
        }
        metrics.streamsOpen.increment()
        metrics.streamsTotal.increment()
        // Everything that happens to the connection, in order: its messages, the idle timeout, a
        // server stop. One consumer, so the stream's state is touched by one job at a time.
        let (events, continuation) = AsyncStream.makeStream(of: ConnectionEvent.self)
        let id = streams.register { continuation.yield(.shutdown) }
        defer {
            streams.closed(id)
            metrics.streamsOpen.decrement()
        }
        let stream = RecognitionStream(
            model: model, streaming: configuration.streaming, decoder: configuration.decoder,
            sampleRate: configuration.sampleRate ?? model.config.sampleRate)
        let activity = Activity()
        let idle = configuration.idleTimeout
        let limit = libraryMessageLimit
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask {
                do {
                    for try await message in inbound.messages(maxSize: limit) { continuation.yield(.message(message)) }
                    continuation.yield(.ended)
                } catch {
                    continuation.yield(.failed(error))
                }
            }
            group.addTask {
                while true {
                    try await Task.sleep(for: min(idle, .seconds(1)))
                    if activity.idleFor >= idle {
                        continuation.yield(.idle)
                        return
                    }
                }
            }
            defer { group.cancelAll() }
            do {
                try await self.consume(kind, events, stream: stream, outbound: outbound, activity: activity)
            } catch let close as StreamClose {
                try await self.close(outbound, close)
            }
        }
    }

    enum ConnectionEvent: Sendable {
        case message(WebSocketMessage)
        case ended
        case failed(any Error)
        case idle
        case shutdown
    }

    func consume(
        _ kind: StreamKind, _ events: AsyncStream<ConnectionEvent>, stream: RecognitionStream, outbound: WebSocketOutboundWriter,
        activity: Activity
    ) async throws {
        for await event in events {
            let message: WebSocketMessage
            switch event {
            case .message(let received): message = received
            case .ended: return
            case .failed(let error): throw error
            case .idle:
                throw StreamClose(StreamClose.goingAway, "idle timeout: no message for \(configuration.idleTimeout.components.seconds) s")
            case .shutdown:
                // the utterance in progress still gets its result
                let step = try await job { try stream.finish() }
                try await reply(kind, step, stream: stream, outbound: outbound, ended: true)
                throw StreamClose(StreamClose.goingAway, "server shutting down")
            }
            activity.touch()
            let arrived = DispatchTime.now().uptimeNanoseconds
            let size = switch message {
            case .text(let text): text.utf8.count
            case .binary(let buffer): buffer.readableBytes
            }
            if size > configuration.maxMessageBytes {
                throw StreamClose(StreamClose.tooBig, "message of \(size) bytes; at most \(configuration.maxMessageBytes) (--max-message-bytes)")
            }
            switch message {
            case .text(let text):
                switch try ControlMessage.parse(text) {
                case .config(let fields):
                    try stream.configure(fields)
                case .eof:
                    let step = try await job { try stream.finish() }
                    try await reply(kind, step, stream: stream, outbound: outbound, ended: true)
                    return try await close(outbound, StreamClose(StreamClose.normal, "eof"))
                case .reset:
                    let step = try await job { try stream.finish() }
                    try await reply(kind, step, stream: stream, outbound: outbound, ended: true)
                }
            case .binary(let buffer):
                let pcm = try buffer.withUnsafeReadableBytes { try decodePCM($0) }
                let step = try await job { try stream.accept(pcm: pcm) }
                try await reply(kind, step, stream: stream, outbound: outbound, ended: false)
                metrics.replyLatency.record(Double(DispatchTime.now().uptimeNanoseconds - arrived) / 1e9)
            }
            activity.touch()
        }
    }

    /// Runs a recognition step on the pool; a failure closes the stream with 1011 and its reason.
    func job(_ body: @escaping @Sendable () throws -> RecognitionStream.Step) async throws -> RecognitionStream.Step {
        do {
            let step = try await pool.run(body)
            metrics.recognized(audio: step.audioSeconds, compute: step.computeSeconds)
            for final in step.finals {
                metrics.finals.increment()
                if let latency = final.latency { metrics.finalLatency.record(latency + step.computeSeconds) }
            }
            return step
        } catch let close as StreamClose {
            throw close
        } catch {
            throw StreamClose(1011, "\(error)")
        }
    }

    /// Vosk: one reply per message (a result when an utterance ended, else the partial).
    /// Events: a final event per utterance, then the partial if it changed.
    func reply(_ kind: StreamKind, _ step: RecognitionStream.Step, stream: RecognitionStream, outbound: WebSocketOutboundWriter, ended: Bool)
        async throws
    {
        switch kind {
        case .vosk:
            let text = ended || !step.finals.isEmpty
                ? VoskReply.final(step.finals, config: stream.config) : VoskReply.partial(step.partial.text)
            try await outbound.write(.text(text))
        case .events:
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
            for final in step.finals {
                let event = StreamEvent(final: final, computeSeconds: step.computeSeconds)
                try await outbound.write(.text(String(decoding: try encoder.encode(event), as: UTF8.self)))
            }
            if !step.finals.isEmpty { stream.lastPartial = "" }
            if !ended, !step.partial.text.isEmpty, step.partial.text != stream.lastPartial {
                let event = StreamEvent(partial: step.partial, streamTime: step.streamTime)
                try await outbound.write(.text(String(decoding: try encoder.encode(event), as: UTF8.self)))
                stream.lastPartial = step.partial.text
            }
        }
    }
}

/// The WebSocket streams open (bounded), each with a way to ask it to finish when the server stops.
final class StreamCount: @unchecked Sendable {
    private let lock = NSLock()
    private var reserved = 0
    private var shutdowns: [Int: @Sendable () -> Void] = [:]
    private var nextID = 0
    private var draining = false

    var open: Int { lock.withLock { reserved } }

    /// Reserves a place for a stream, unless `max` are open or the server is stopping.
    func tryOpen(max: Int) -> Bool {
        lock.withLock {
            guard reserved < max, !draining else { return false }
            reserved += 1
            return true
        }
    }

    /// Registers a reserved stream's shutdown request (called at once if the server is stopping).
    func register(shutdown: @escaping @Sendable () -> Void) -> Int {
        let (id, stopping) = lock.withLock {
            nextID += 1
            shutdowns[nextID] = shutdown
            return (nextID, draining)
        }
        if stopping { shutdown() }
        return id
    }

    func closed(_ id: Int) {
        lock.withLock {
            shutdowns[id] = nil
            reserved -= 1
        }
    }

    /// Marks the server as stopping; false if it already was.
    func startDraining() -> Bool {
        lock.withLock {
            defer { draining = true }
            return !draining
        }
    }

    func shutDownAll() {
        for shutdown in lock.withLock({ Array(shutdowns.values) }) { shutdown() }
    }
}

/// When a connection last heard from its client.
final class Activity: @unchecked Sendable {
    private let lock = NSLock()
    private var last = ContinuousClock.now

    func touch() { lock.withLock { last = .now } }
    var idleFor: Duration { lock.withLock { ContinuousClock.now - last } }
}
