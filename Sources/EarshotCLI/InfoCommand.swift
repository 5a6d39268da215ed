import ArgumentParser
import EarshotAudio
import Foundation

struct InfoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "info",
        abstract: "Show container, encoding, sample rate, channels, frames and duration of audio files.",
        discussion: """
            Reads each file's header with libsndfile (WAV, FLAC, OGG, AIFF, CAF,
            ...) and prints one line per file:
              clip.wav: WAV, PCM 16-bit, 8000 Hz, 1 channel, 4591 frames, 0.574 s
            With --json, one JSON object per line (JSON Lines) with the keys
            path, container, encoding, sample_rate, channels, frames, duration.

            --level also reads the samples (mixed down to mono) and adds their
            peak and RMS level in dBFS (peak_decibels, rms_decibels). Speech that
            peaks below about -20 dBFS is quieter than most of what the bundled
            model was trained on: move closer or raise the microphone's gain.

            A file that cannot be read (missing, not audio, truncated, ...)
            prints its reason on stderr; the other files still print, and the
            exit status is non-zero.

            Example:
              earshot info --json recordings/*.wav
              earshot info --level my-voice.wav
            """)

    @Flag(help: "Print JSON Lines (one object per file) instead of text.") var json = false
    @Flag(help: "Also read the samples and print their peak and RMS level in dBFS.") var level = false
    @Argument(help: "Audio files to describe.") var files: [String]

    func run() throws {
        let encoder = JSONEncoder()
        encoder.keyEncodingStrategy = .convertToSnakeCase
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        var failures = 0
        for file in files {
            do {
                let described = Described(info: try AudioReader.info(file),
                                          level: level ? AudioLevel(try AudioReader.read(file).samples) : nil)
                print(json ? String(decoding: try encoder.encode(described), as: UTF8.self) : described.line)
            } catch {
                FileHandle.standardError.write(Data("\(error)\n".utf8))
                failures += 1
            }
        }
        if failures > 0 { throw ExitCode.failure }
    }

    /// One file's header, and its level when asked for: one line of text, or one JSON object
    /// with the level's keys beside the header's.
    struct Described: Encodable {
        let info: AudioFileInfo
        let level: AudioLevel?

        func encode(to encoder: any Encoder) throws {
            try info.encode(to: encoder)
            try level?.encode(to: encoder)
        }

        var line: String {
            let channels = info.channels == 1 ? "1 channel" : "\(info.channels) channels"
            let seconds = String(format: "%.3f", info.duration)
            let header =
                "\(info.path): \(info.container), \(info.encoding), \(info.sampleRate) Hz, \(channels), "
                + "\(info.frames) frames, \(seconds) s"
            guard let level else { return header }
            guard level.peakDecibels > -.infinity else { return header + ", digital silence" }
            return header + String(format: ", peak %.1f dBFS, RMS %.1f dBFS", level.peakDecibels, level.rmsDecibels)
        }
    }
}
