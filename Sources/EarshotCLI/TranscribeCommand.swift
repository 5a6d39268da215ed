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

            Without --model the model bundled with Earshot is used.

            Examples:
              earshot transcribe --json audio-samples/three-one-four_16k.wav
              earshot transcribe --words yes,no --reject-below 0.6 clips/*.wav
            """)

    @Argument(help: "Audio files to transcribe.") var files: [String]
    @Option(help: "Model file (.safetensors). Default: the model bundled with Earshot.") var model: String?
    @Option(help: "Beam width: 1 is greedy best-path decoding, more is CTC prefix beam search.") var beam = 8
    @Flag(help: "Print JSON Lines with word times and confidences instead of text.") var json = false
    @Option(
        help: "Only these words may be recognized, comma-separated (e.g. yes,no,stop). Default: the whole vocabulary.",
        transform: { $0.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) } })
    var words: [String]?
    @Option(help: "Report a word whose confidence is below this (0–1) as <unk>; 0 keeps every word.")
    var rejectBelow: Float = 0
    @Option(help: "With --json, also list this many best hypotheses with log scores (alternatives).") var nBest: Int?
    @Flag(help: "With --json, also print each file's features (before CMVN) and log-probs, frame by frame.")
    var posteriors = false
    @Option(help: "Files transcribed at once, one core each (default: the number of cores).") var threads = ProcessInfo.processInfo.activeProcessorCount

    func validate() throws {
        guard beam >= 1 else { throw ValidationError("--beam must be at least 1") }
        guard (0...1).contains(rejectBelow) else { throw ValidationError("--reject-below must be within 0...1") }
        guard threads >= 1 else { throw ValidationError("--threads must be at least 1") }
        if let nBest, nBest < 1 { throw ValidationError("--n-best must be at least 1") }
        if let words, words.contains(where: \.isEmpty) { throw ValidationError("--words has an empty word") }
        if (nBest != nil || posteriors) && !json { throw ValidationError("--n-best and --posteriors need --json") }
    }

    func run() throws {
        let loaded = try Model.load(model)
        let options = DecoderOptions(beamWidth: beam, nBest: nBest ?? 1, allowedWords: words, rejectionThreshold: rejectBelow)
        let recognizer = try Recognizer(model: loaded, options: options)
        // One file: its two GRU directions on two cores; many files: one core each.
        loaded.network.threads = files.count == 1 ? min(2, threads) : 1
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        var failures = 0
        recognizer.transcribe(files: files, threads: threads, posteriors: posteriors) { _, result in
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
