import ArgumentParser
import Earshot
import EarshotAudio
import Foundation

struct StreamCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stream",
        abstract: "Recognize speech while it arrives, from a microphone pipe or a file played as one.",
        discussion: """
            Audio is taken in chunks of --chunk-ms, as a microphone delivers it: from a file (any format libsndfile reads), or with FILE = - as raw signed 16-bit little-endian mono PCM on standard input at --rate Hz. Files play as fast as possible unless --realtime or --speed paces them.

            After every chunk the partial result of the current utterance is printed when it changed ("partial: ..."); when the speaker pauses for --trailing-silence-ms, or the utterance reaches --max-utterance-s, or the input ends, or Ctrl-C stops the stream, its final result is printed ("final: ..."). So a long stream of commands comes out as one final line per command.

            With --json each line is a JSON object (JSON Lines): type (partial or final), text, words [{word, start, end, confidence}] (seconds from the start of the stream), stream_time (seconds of audio heard when the line was produced); finals add start, end, endpoint and latency_ms (from the end of the last word's audio to the result: chunk, look-ahead and trailing-silence waits plus compute).

            Latency is set by the sizes: the backward GRU sees --lookahead-ms beyond each chunk, so a word is final at the earliest chunk + look-ahead + trailing silence after it ends. Work per chunk is constant however long the stream runs, and memory stays flat. The model must use global (or no) CMVN. See docs/streaming.md for measured agreement with transcribe, latency and memory.

            Examples:
              earshot stream --realtime audio-samples/three-one-four_16k.wav
              earshot stream --json --chunk-ms 160 --lookahead-ms 480 clip.wav
              arecord -f S16_LE -r 16000 -c 1 | earshot stream - --rate 16000
              sox clip.flac -t raw -e signed -b 16 -c 1 -r 8000 - | earshot stream - --rate 8000
            """)

    @Argument(help: "Audio file, or - for raw S16_LE mono PCM on standard input.") var file: String
    @Option(help: "Model file (.safetensors). Default: the model bundled with Earshot.") var model: String?
    @Option(help: "Audio per chunk, in milliseconds (rounded to 10 ms frames).")
    var chunkMs = StreamingOptions().chunkMilliseconds
    @Option(help: "Future audio the backward direction sees beyond each chunk, in milliseconds.")
    var lookaheadMs = StreamingOptions().lookAheadMilliseconds
    @Option(help: "Audio before the first speech of a stream that the network still gets, in milliseconds.")
    var onsetPreRollMs = StreamingOptions().speechOnsetPreRollMilliseconds
    @Option(help: "Leading audio after which the network starts though no speech was heard, in milliseconds.")
    var onsetMaxWaitMs = StreamingOptions().speechOnsetMaxWaitMilliseconds
    @Option(help: "Pause after speech that ends an utterance, in milliseconds.")
    var trailingSilenceMs = EndpointOptions().trailingSilenceMilliseconds
    @Option(help: "Longest utterance, in seconds; a longer one is cut there.")
    var maxUtteranceS = EndpointOptions().maxUtteranceSeconds
    @Flag(help: "Play a file at real time, as a microphone would deliver it.") var realtime = false
    @Option(help: "Play a file at this many times real time (e.g. 4). Default: as fast as possible.") var speed: Double?
    @Option(help: "Sample rate of raw PCM on standard input, in Hz. Default: the model's rate.") var rate: Int?
    @OptionGroup var decoding: DecodingFlags
    @Flag(help: "Print JSON Lines instead of text.") var json = false
    @Flag(help: "At the end, print on stderr one JSON line of statistics: audio seconds, real-time factor, per-chunk compute time.")
    var stats = false

    func validate() throws {
        guard chunkMs >= 10 else { throw ValidationError("--chunk-ms must be at least 10 (one frame)") }
        guard lookaheadMs >= 0 else { throw ValidationError("--lookahead-ms must be 0 or more") }
        guard onsetPreRollMs >= 0, onsetMaxWaitMs >= 0 else {
            throw ValidationError("--onset-pre-roll-ms and --onset-max-wait-ms must be 0 or more")
        }
        guard trailingSilenceMs > 0 else { throw ValidationError("--trailing-silence-ms must be above 0") }
        guard maxUtteranceS > 0 else { throw ValidationError("--max-utterance-s must be above 0") }
        if realtime && speed != nil { throw ValidationError("--realtime and --speed are alternatives; --realtime is --speed 1") }
        if let speed, !(speed > 0) { throw ValidationError("--speed must be above 0") }
        if let rate {
            guard file == "-" else { throw ValidationError("--rate is for raw PCM on standard input (FILE -); files carry their rate") }
            guard AudioReader.supportedRates.contains(rate) else { throw ValidationError("--rate \(rate) is not a usable sample rate") }
        }
    }

    func run() throws {
        let loaded = try Model.load(model)
        var options = StreamingOptions()
        (options.chunkMilliseconds, options.lookAheadMilliseconds) = (chunkMs, lookaheadMs)
        (options.speechOnsetPreRollMilliseconds, options.speechOnsetMaxWaitMilliseconds) = (onsetPreRollMs, onsetMaxWaitMs)
        (options.endpoint.trailingSilenceMilliseconds, options.endpoint.maxUtteranceSeconds) = (trailingSilenceMs, maxUtteranceS)
        let recognizer = try StreamingRecognizer(model: loaded, options: options, decoder: decoding.options())
        let modelRate = recognizer.sampleRate
        let source: any AudioSource =
            file == "-"
            ? try RawPCMReader(sampleRate: rate ?? modelRate, outputRate: modelRate)
            : try AudioFileChunkReader(path: file, sampleRate: modelRate)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let interrupt = InterruptHandler(message: "\nstopping: finishing the utterance in progress (Ctrl-C again quits at once)\n")
        defer { interrupt.uninstall() }
        let session = StreamSession(recognizer: recognizer, speed: realtime ? 1 : speed)
        let statistics = try session.run(source, stop: interrupt.stop) { event in
            let line = json ? String(decoding: try! encoder.encode(event), as: UTF8.self) : event.line
            FileHandle.standardOutput.write(Data((line + "\n").utf8))  // unbuffered: each line as soon as it is known
        }
        if stats {
            let compute = statistics.chunkCompute
            let summary: [String: Double] = [
                "audio_seconds": statistics.audioSeconds, "wall_seconds": statistics.wallSeconds,
                "real_time_factor": statistics.realTimeFactor, "chunks": Double(compute.count),
                "finals": Double(statistics.finals), "chunk_ms_median": compute.quantile(0.5) * 1000,
                "chunk_ms_p95": compute.quantile(0.95) * 1000, "chunk_ms_max": compute.maximum * 1000,
            ]
            let line = String(decoding: try encoder.encode(summary), as: UTF8.self)
            FileHandle.standardError.write(Data((line + "\n").utf8))
        }
    }
}
