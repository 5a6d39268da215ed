import ArgumentParser
import EarshotAudio
import EarshotFeatures
import EarshotNN
import Foundation

struct BenchFeaturesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "features",
        abstract: "Time MFCC / fbank computation on decoded audio (decoding is not timed).",
        discussion: """
            Decodes every file first (resampling to --sample-frequency if given), then times \
            Featurizer.compute, one call per file, once as a warm-up and --runs more times. \
            With --threads N the files are split into N groups of similar length, each \
            computed on its own thread with its own Featurizer. --synthetic-seconds S adds a \
            deterministic tone-plus-noise signal of S seconds (at --sample-frequency, default \
            16000 Hz). --fft-only times only FFTW's real FFT, as many frames as the features \
            need: the floor of the front-end.

            Prints one JSON object: files, audio_seconds, frames, threads, runs, \
            median_seconds, min_seconds, x_realtime (audio seconds per second), ns_per_frame.

            Examples:
              swift run -c release earshot bench features data/fsdd/recordings --runs 9
              swift run -c release earshot bench features --synthetic-seconds 600 --num-mel-bins=40
            """)

    @Argument(help: "Audio files or folders (searched recursively).") var paths: [String] = []
    @OptionGroup var flags: KaldiFeatureFlags
    @Option(help: "Timed passes; the median is reported.") var runs = 5
    @Option(help: "Threads, each with its own Featurizer and a share of the files.") var threads = 1
    @Option(help: "Also compute a synthetic signal of this many seconds.") var syntheticSeconds: Double?
    @Flag(help: "Time only the FFT of each frame (the cost floor).") var fftOnly = false

    func validate() throws {
        guard runs >= 1 else { throw ValidationError("--runs must be at least 1") }
        guard threads >= 1 else { throw ValidationError("--threads must be at least 1") }
        guard !paths.isEmpty || syntheticSeconds != nil else {
            throw ValidationError("give audio files or folders, or --synthetic-seconds")
        }
        if let syntheticSeconds, syntheticSeconds <= 0 {
            throw ValidationError("--synthetic-seconds must be positive")
        }
    }

    func run() throws {
        let files = try AudioFileSearch.find(paths)
        let sampleRate = try flags.sampleFrequency.map { Int($0) } ?? files.first.map { try AudioReader.info($0).sampleRate } ?? 16000
        var signals = try files.map { try AudioReader.read($0, sampleRate: sampleRate) }
        if let syntheticSeconds {
            let count = Int(syntheticSeconds * Double(sampleRate))
            signals.append(Audio(samples: Self.synthetic(count: count, sampleRate: sampleRate), sampleRate: sampleRate))
        }
        let options = try flags.featureOptions(fileSampleRate: sampleRate)
        let groups = Self.split(signals.map(\.samples), into: threads)
        let seconds = fftOnly ? timeFFTFloor(groups, options: options) : timeFeatures(groups, options: options)
        let audioSeconds = signals.map(\.duration).reduce(0, +)
        let frames = signals.map { Featurizer.frameCount(sampleCount: $0.samples.count, options: options) }.reduce(0, +)
        let median = BenchTiming.median(seconds)
        BenchTiming.printJSON([
            "benchmark": fftOnly ? "features-fft-only" : "features", "type": flags.kind.rawValue,
            "files": signals.count, "audio_seconds": audioSeconds, "frames": frames,
            "sample_rate": sampleRate, "dims": options.dimension, "threads": groups.count, "runs": runs,
            "median_seconds": median, "min_seconds": seconds[0], "x_realtime": audioSeconds / median,
            "ns_per_frame": median / Double(max(frames, 1)) * 1e9 * Double(groups.count),
        ])
    }

    /// Featurizer.compute on each group's signals, one thread and one Featurizer per group.
    private func timeFeatures(_ groups: [[[Float]]], options: FeatureOptions) -> [Double] {
        BenchTiming.measure(runs: runs) {
            Parallel.forEach(groups.count, threads: groups.count) { g in
                let featurizer = try! Featurizer(options)  // validated above
                for samples in groups[g] { _ = featurizer.compute(samples) }
            }
        }
    }

    /// Only the FFTs the features would need, one thread and one FFT plan per group.
    private func timeFFTFloor(_ groups: [[[Float]]], options: FeatureOptions) -> [Double] {
        BenchTiming.measure(runs: runs) {
            let floors = groups.map { _ in BenchFFTFloor(options) }  // planned on this thread
            Parallel.forEach(groups.count, threads: groups.count) { g in
                for samples in groups[g] { floors[g].run(sampleCount: samples.count) }
            }
        }
    }

    /// 0.3 sin(2π 440 t) plus uniform noise of amplitude 0.05, from a fixed seed.
    static func synthetic(count: Int, sampleRate: Int) -> [Float] {
        var state: UInt32 = 12345
        return (0..<count).map { i in
            state = state &* 1_664_525 &+ 1_013_904_223
            let noise = Float(state >> 8) / Float(1 << 24) - 0.5
            return 0.3 * sin(2 * .pi * 440 * Float(i) / Float(sampleRate)) + 0.1 * noise
        }
    }

    /// Splits signals into at most `count` groups of similar total length (longest first,
    /// each to the currently shortest group).
    static func split(_ signals: [[Float]], into count: Int) -> [[[Float]]] {
        var groups = Array(repeating: [[Float]](), count: min(count, max(signals.count, 1)))
        var lengths = Array(repeating: 0, count: groups.count)
        for signal in signals.sorted(by: { $0.count > $1.count }) {
            let g = lengths.indices.min { lengths[$0] < lengths[$1] }!
            groups[g].append(signal)
            lengths[g] += signal.count
        }
        return groups
    }
}
