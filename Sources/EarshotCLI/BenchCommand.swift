import ArgumentParser

struct BenchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Measure Earshot's speed; each subcommand prints one JSON object.",
        discussion: """
            Figures are medians over several runs after a warm-up. Machines are noisy: compare
            ratios measured in one run. docs/benchmarks.md lists the command behind each figure.
            """,
        subcommands: [
            // Each subcommand lives in its own Bench*Command.swift file.
            BenchDecodeCommand.self,
            BenchFeaturesCommand.self,
            BenchGRUCommand.self,
            BenchCTCCommand.self,
            BenchTranscribeCommand.self,
        ])
}
