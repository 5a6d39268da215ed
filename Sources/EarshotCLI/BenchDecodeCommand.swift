import ArgumentParser
import EarshotAudio

struct BenchDecodeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "decode",
        abstract: "Time decoding audio files to mono float samples (libsndfile, soxr when resampling).",
        discussion: """
            Decodes every file with AudioReader.read once as a warm-up, then
            --runs more times, and prints one JSON object: files, audio_seconds,
            runs, median_seconds, x_realtime (audio seconds per second of
            decoding) and us_per_file (median microseconds per file). Folders
            are searched recursively for audio files by extension.

            Example:
              swift run -c release earshot bench decode data/fsdd/recordings --runs 9
            """)

    @Argument(help: "Audio files or folders (searched recursively).") var paths: [String]
    @Option(help: "Timed passes over all files; the median pass is reported.") var runs = 5
    @Option(help: "Resample every file to this rate in Hz (default: keep each file's rate).")
    var sampleRate: Int?

    func validate() throws {
        guard runs >= 1 else { throw ValidationError("--runs must be at least 1") }
        if let sampleRate, !AudioReader.supportedRates.contains(sampleRate) {
            throw ValidationError("--sample-rate must be within \(AudioReader.supportedRates)")
        }
    }

    func run() throws {
        let files = try AudioFileSearch.find(paths)
        var audioSeconds = 0.0
        for file in files { audioSeconds += try AudioReader.info(file).duration }
        let seconds = try BenchTiming.measure(runs: runs) {
            for file in files { _ = try AudioReader.read(file, sampleRate: sampleRate) }
        }
        let median = BenchTiming.median(seconds)
        var fields: [String: Any] = [
            "benchmark": "decode", "files": files.count, "audio_seconds": audioSeconds, "runs": runs,
            "median_seconds": median, "min_seconds": seconds[0],
            "x_realtime": audioSeconds / median, "us_per_file": median / Double(max(files.count, 1)) * 1e6,
        ]
        if let sampleRate { fields["sample_rate"] = sampleRate }
        BenchTiming.printJSON(fields)
    }
}
