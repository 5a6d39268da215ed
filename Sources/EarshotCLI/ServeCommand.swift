import ArgumentParser
import Earshot
import EarshotAudio
import EarshotServer
import Foundation

struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve recognition over HTTP and WebSocket: Vosk's protocol, stream events, file uploads, metrics.",
        discussion: """
            Endpoints (docs/serving.md):
              ws  /            Vosk's WebSocket protocol: {"config": {"sample_rate", "words", "max_alternatives", "phrase_list"}}, binary 16-bit PCM frames (one reply each: {"partial"} or {"result", "text"}), {"reset": 1}, {"eof": 1}
              ws  /v1/stream   the same input; replies are earshot stream --json events
              GET /            a browser page that streams the microphone
              POST /v1/transcribe  body = an audio file; replies with transcribe --json's object
              GET /healthz, GET /metrics (Prometheus)

            Recognition runs on --threads threads (default: the cores), never on the network threads. SIGTERM or Ctrl-C stops the server gracefully: open streams get the result of the utterance in progress and a close (1001). It prints "listening on http://HOST:PORT" once it accepts connections.

            Examples:
              earshot serve --port 2700
              earshot serve --host 0.0.0.0 --token "$TOKEN" --allow-origin https://example.org
            """)

    @Option(help: "Address to listen on.") var host = "127.0.0.1"
    @Option(help: "Port to listen on; 0 picks a free one.") var port = 2700
    @Option(help: "Model file (.safetensors). Default: the model bundled with Earshot.") var model: String?
    @Option(help: "WebSocket streams open at once; more are closed with code 1013.") var maxStreams = 64
    @Option(help: "Require this token: Authorization: Bearer TOKEN or ?token=TOKEN.") var token: String?
    @Option(help: "An origin (https://host[:port], or *) whose pages may open streams besides the server's own page; repeatable.")
    var allowOrigin: [String] = []
    @Option(help: "Largest POST /v1/transcribe body, in bytes.") var maxBodyBytes = 32 << 20
    @Option(help: "Largest WebSocket message, in bytes.") var maxMessageBytes = 1 << 20
    @Option(help: "Close a stream that sends nothing for this many seconds.") var idleTimeoutS = 60
    @Option(help: "Recognition jobs computing at once (default: the number of cores).")
    var threads = ProcessInfo.processInfo.activeProcessorCount
    @Option(help: "Rate of a stream's PCM until its config sets sample_rate, in Hz. Default: the model's rate.")
    var sampleRate: Int?
    @Option(help: "Audio per chunk, in milliseconds.") var chunkMs = StreamingOptions().chunkMilliseconds
    @Option(help: "Future audio the backward direction sees beyond each chunk, in milliseconds.")
    var lookaheadMs = StreamingOptions().lookAheadMilliseconds
    @Option(help: "Pause after speech that ends an utterance, in milliseconds.")
    var trailingSilenceMs = EndpointOptions().trailingSilenceMilliseconds
    @OptionGroup var decoding: DecodingFlags
    @Flag(help: "Log each connection and request.") var verbose = false

    func validate() throws {
        guard (0...65535).contains(port) else { throw ValidationError("--port must be within 0...65535") }
        guard maxStreams >= 1 else { throw ValidationError("--max-streams must be at least 1") }
        guard threads >= 1 else { throw ValidationError("--threads must be at least 1") }
        guard maxBodyBytes >= 1, maxMessageBytes >= 1024 else {
            throw ValidationError("--max-body-bytes must be at least 1 and --max-message-bytes at least 1024")
        }
        guard idleTimeoutS >= 1 else { throw ValidationError("--idle-timeout-s must be at least 1") }
        guard chunkMs >= 10, lookaheadMs >= 0, trailingSilenceMs > 0 else {
            throw ValidationError("--chunk-ms must be at least 10, --lookahead-ms 0 or more, --trailing-silence-ms above 0")
        }
        if let sampleRate, !(1000...192_000).contains(sampleRate) {
            throw ValidationError("--sample-rate must be within 1000...192000")
        }
        if let token, token.isEmpty { throw ValidationError("--token is empty") }
    }

    func run() async throws {
        var configuration = ServerConfiguration()
        (configuration.host, configuration.port, configuration.maxStreams) = (host, port, maxStreams)
        (configuration.token, configuration.allowedOrigins) = (token, allowOrigin)
        (configuration.maxBodyBytes, configuration.maxMessageBytes) = (maxBodyBytes, maxMessageBytes)
        configuration.idleTimeout = .seconds(idleTimeoutS)
        (configuration.threads, configuration.sampleRate) = (threads, sampleRate)
        (configuration.streaming.chunkMilliseconds, configuration.streaming.lookAheadMilliseconds) = (chunkMs, lookaheadMs)
        configuration.streaming.endpoint.trailingSilenceMilliseconds = trailingSilenceMs
        configuration.decoder = decoding.options()
        configuration.logLevel = verbose ? .info : .warning
        let server = try EarshotServer(model: try Model.load(model), configuration: configuration)
        let host = self.host
        try await server.run { port in
            FileHandle.standardOutput.write(Data("earshot serve: listening on http://\(host):\(port)\n".utf8))
        }
    }
}
