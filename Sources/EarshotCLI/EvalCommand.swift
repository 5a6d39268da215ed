import ArgumentParser
import Earshot
import EarshotTraining
import Foundation

struct EvalCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "eval",
        abstract: "Score a model on labelled clips: accuracy, WER, CER, errors by kind, confusions, speed.",
        discussion: """
            The data is a JSON Lines manifest or a folder (DIR/WORD/*.wav, or {digit}_{speaker}_{take}.wav as in FSDD). A clip counts as correct when the recognised words equal the reference exactly. WER and CER are (substitutions + insertions + deletions) / reference length, over words and over characters; the confusion table counts, for each word said, what was recognised (<del>: nothing). The real-time factor is processing time over audio time, per file. Decoding is transcribe's, with the same --beam, --words and --reject-below. A reference word the model does not know is an error naming the manifest line; an empty transcript means no speech (anything recognised counts as insertions).

            Examples:
              earshot eval --model digits.safetensors --data dev.jsonl
              earshot eval --data my-words/ --json | jq .word_error_rate
              earshot eval --data fsdd-test.jsonl --words zero,one,two,three,four,five,six,seven,eight,nine
            """)

    @Option(help: "The model file (default: the bundled model).")
    var model: String?
    @Option(name: .customLong("data"), help: "Labelled clips: a JSON Lines manifest or a folder; repeatable.")
    var data: [String] = []
    @OptionGroup var decoding: DecodingFlags
    @Option(help: "Files transcribed at once.")
    var threads = 2
    @Flag(help: "Print the report as one JSON object.")
    var json = false
    @Flag(help: "Stop at the first unreadable clip instead of skipping it.")
    var strict = false

    func validate() throws {
        guard !data.isEmpty else { throw ValidationError("give the clips to score with --data MANIFEST or --data DIR") }
        guard threads > 0 else { throw ValidationError("--threads must be positive") }
    }

    func run() throws {
        let recognizer = try Recognizer(model: Model.load(model), options: decoding.options())
        var issues = DataIssueLog()
        let clips = try data.flatMap { source throws(DataError) in
            try ClipSource.load(source, issues: &issues, strict: strict, keepingEmpty: true)
        }
        let report = try Evaluator.evaluate(recognizer, clips: clips, threads: threads, issues: &issues, strict: strict)
        for line in issues.summaryLines { FileHandle.standardError.write(Data((line + "\n").utf8)) }
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys]
            encoder.keyEncodingStrategy = .convertToSnakeCase
            print(String(decoding: try encoder.encode(report), as: UTF8.self))
        } else {
            print(report.text)
        }
    }
}
