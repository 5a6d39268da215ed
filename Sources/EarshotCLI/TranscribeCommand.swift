import ArgumentParser
import Earshot
import Foundation

struct TranscribeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "transcribe",
        abstract: "Write down the words spoken in audio files.",
        discussion: """
            Prints one line per file, FILE<TAB>transcript, in the order given. With --json, one \
            JSON object per line (JSON Lines): file, text, words [{word, start, end, \
            confidence}] (seconds from the start of the file; confidence in [0, 1], see \
            docs/decoding.md), duration and processing_seconds.

            Files are read with libsndfile (WAV, FLAC, OGG, ...) and resampled to the model's \
            rate. They run in parallel on all cores; a file that fails prints its error on \
            stderr, the others still complete, and the exit status is non-zero.

            A file whose header declares more than --max-duration seconds is refused before it \
            is decoded. A file longer than a minute is recognized in windows of at most 60 s, \
            each ending in the quietest second of its second half, so memory stays about that of \
            one minute of audio however long the file (docs/transcription.md); such a file has no \
            --n-best alternatives.

            Without --model the model bundled with Earshot is used.

            Examples:
              earshot transcribe --json audio-samples/three-one-four_16k.wav
              earshot transcribe --words yes,no --reject-below 0.6 clips/*.wav
            """)

    @Argument(help: "Audio files to transcribe.") var files: [String]
    @Option(help: "Model file (.safetensors). Default: the model bundled with Earshot.") var model: String?
    @OptionGroup var decoding: DecodingFlags
    @Flag(help: "Print JSON Lines with word times and confidences instead of text.") var json = false
    @Option(help: "With --json, also list this many best hypotheses with log scores (alternatives).") var nBest: Int?
    @Flag(help: "With --json, also print each file's features (before CMVN) and log-probs, frame by frame.")
    var posteriors = false
    @Option(help: "Files transcribed at once, one core each (default: the number of cores).") var threads = ProcessInfo.processInfo.activeProcessorCount
    @Option(help: "Longest file accepted, in seconds of audio as its header declares them (14400 = 4 hours).")
    var maxDuration = FileTranscriptionLimits().maxDuration

    func validate() throws {
        guard threads >= 1 else { throw ValidationError("--threads must be at least 1") }
        if let nBest, nBest < 1 { throw ValidationError("--n-best must be at least 1") }
        guard maxDuration > 0 else { throw ValidationError("--max-duration must be above 0") }
        if (nBest != nil || posteriors) && !json { throw ValidationError("--n-best and --posteriors need --json") }
    }

    func run() throws {
        let loaded = try Model.load(model)
        let recognizer = try Recognizer(model: loaded, options: decoding.options(nBest: nBest ?? 1))
        // One file: its two GRU directions on two cores; many files: one core each.
        loaded.network.threads = files.count == 1 ? min(2, threads) : 1
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        var failures = 0
        let limits = FileTranscriptionLimits(maxDuration: maxDuration)
        recognizer.transcribe(files: files, threads: threads, posteriors: posteriors, limits: limits) { _, result in
            switch result {
            case .success(var transcription):
                if nBest == nil { transcription.alternatives = nil }
                print(json ? String(decoding: try! encoder.encode(transcription), as: UTF8.self)
                    : "\(transcription.file)\t\(transcription.text)")
            case .failure(let error):
                FileHandle.standardError.write(Data("\(error)\n".utf8))
                failures += 1
            }
        }
        if failures > 0 { throw ExitCode.failure }
    }
}
