import ArgumentParser

struct InfoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "info",
        abstract: "Show container, encoding, sample rate, channels, frames and duration of audio files.")
    @Argument(help: "Audio files.") var files: [String]
    func run() throws { print(files) }
}
