import ArgumentParser
import Earshot
import EarshotAudio
import Foundation

struct BenchTranscribeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "transcribe",
        abstract: "Time end-to-end transcription (read, resample, features, network, decoding).",
        discussion: """
            Transcribes every file once as a warm-up, then --runs more times, and prints one \
            JSON object: files, audio_seconds, threads, runs, median_seconds (one pass over all \
            files), real_time_factor (median_seconds / audio_seconds) and \
            real_time_factor_per_core (real_time_factor × threads: below 0.002 is faster than \
            1/500 of real time per core). Folders are searched recursively for audio files.

            Example:
              swift run -c release earshot bench transcribe data/fsdd/recordings --threads 2
            """)

    @Argument(help: "Audio files or folders (searched recursively).") var paths: [String]
    @Option(help: "Files transcribed at once (one core each).") var threads = 1
    @Option(help: "Model file (.safetensors). Default: the model bundled with Earshot.") var model: String?
    @Option(help: "Beam width: 1 is greedy, more is prefix beam search.") var beam = 8
    @Option(help: "Timed passes over all files; the median pass is reported.") var runs = 5

    func validate() throws {
        guard threads >= 1 else { throw ValidationError("--threads must be at least 1") }
        guard runs >= 1 else { throw ValidationError("--runs must be at least 1") }
        guard beam >= 1 else { throw ValidationError("--beam must be at least 1") }
    }

    func run() throws {
        let loaded = try Model.load(model)
        let recognizer = try Recognizer(model: loaded, options: DecoderOptions(beamWidth: beam, nBest: 1))
        let files = try AudioFileSearch.find(paths)
        var audioSeconds = 0.0
        for file in files { audioSeconds += try AudioReader.info(file).duration }
        // A single file gets both cores' worth of network parallelism; many files get one core each.
        loaded.network.threads = files.count == 1 ? threads : 1
        var failure: (any Error)?
        let seconds = BenchTiming.measure(runs: runs) {
            recognizer.transcribe(files: files, threads: threads) { _, result in
                if case .failure(let error) = result { failure = error }
            }
        }
        if let failure { throw failure }
        let median = BenchTiming.median(seconds)
        BenchTiming.printJSON([
            "benchmark": "transcribe", "files": files.count, "audio_seconds": audioSeconds, "threads": threads,
            "runs": runs, "beam": beam, "median_seconds": median, "min_seconds": seconds[0],
            "real_time_factor": median / audioSeconds, "real_time_factor_per_core": median / audioSeconds * Double(threads),
        ])
    }
}
