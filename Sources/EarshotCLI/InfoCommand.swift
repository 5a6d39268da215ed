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

            A file that cannot be read (missing, not audio, truncated, ...)
            prints its reason on stderr; the other files still print, and the
            exit status is non-zero.

            Example:
              earshot info --json recordings/*.wav
            """)

    @Flag(help: "Print JSON Lines (one object per file) instead of text.") var json = false
    @Argument(help: "Audio files to describe.") var files: [String]

    func run() throws {
        let encoder = JSONEncoder()
        encoder.keyEncodingStrategy = .convertToSnakeCase
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        var failures = 0
        for file in files {
            do {
                let info = try AudioReader.info(file)
                print(json ? String(decoding: try encoder.encode(info), as: UTF8.self) : Self.line(info))
            } catch {
                FileHandle.standardError.write(Data("\(error)\n".utf8))
                failures += 1
            }
        }
        if failures > 0 { throw ExitCode.failure }
    }

    static func line(_ info: AudioFileInfo) -> String {
        let channels = info.channels == 1 ? "1 channel" : "\(info.channels) channels"
        let seconds = String(format: "%.3f", info.duration)
        return
            "\(info.path): \(info.container), \(info.encoding), \(info.sampleRate) Hz, \(channels), "
            + "\(info.frames) frames, \(seconds) s"
    }
}
