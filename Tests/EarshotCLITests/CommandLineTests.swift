import Earshot
import EarshotTestSupport
import Foundation
import Testing

/// The `earshot` executable end to end, as a user runs it: the README's main command works, and
/// bad input gives one line on standard error naming the file and the problem, and a non-zero
/// exit status — never a crash or a hang.
@Suite struct CommandLineTests {
    struct Run {
        var status: Int32
        var output: String
        var errors: String
        /// Standard error's non-empty lines.
        var errorLines: [Substring] { errors.split(separator: "\n") }
    }

    /// `swift build` and `swift test` put the `earshot` executable beside the test bundle.
    static let executable: URL = {
        var directory = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        while directory.path != "/" {
            let candidate = directory.appendingPathComponent("earshot")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
            directory.deleteLastPathComponent()
        }
        return Fixtures.packageRoot.appendingPathComponent(".build/release/earshot")
    }()

    static func earshot(_ arguments: [String], input: Data = Data()) throws -> Run {
        try run(executable, arguments, input: input)
    }

    /// Runs `program` to its end with `input` on standard input.
    static func run(_ program: URL, _ arguments: [String], input: Data = Data()) throws -> Run {
        let process = Process()
        process.executableURL = program
        process.arguments = arguments
        let (stdin, stdout, stderr) = (Pipe(), Pipe(), Pipe())
        (process.standardInput, process.standardOutput, process.standardError) = (stdin, stdout, stderr)
        try process.run()
        stdin.fileHandleForWriting.write(input)
        try stdin.fileHandleForWriting.close()
        let output = stdout.fileHandleForReading.readDataToEndOfFile()
        let errors = stderr.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Run(
            status: process.terminationStatus, output: String(decoding: output, as: UTF8.self),
            errors: String(decoding: errors, as: UTF8.self))
    }

    static let directory = try! Fixtures.temporaryDirectory("earshot-cli")

    static func write(_ name: String, _ data: Data) throws -> String {
        let url = directory.appendingPathComponent(name)
        try data.write(to: url)
        return url.path
    }

    /// A 32-bit float WAV at 8 kHz holding `samples`.
    static func floatWAV(_ samples: [Float]) -> Data {
        func le<T: FixedWidthInteger>(_ value: T) -> Data { withUnsafeBytes(of: value.littleEndian) { Data($0) } }
        let body = samples.reduce(into: Data()) { $0 += le($1.bitPattern) }
        return Data("RIFF".utf8) + le(UInt32(36 + body.count)) + Data("WAVEfmt ".utf8) + le(UInt32(16)) + le(UInt16(3))
            + le(UInt16(1)) + le(UInt32(8000)) + le(UInt32(32000)) + le(UInt16(4)) + le(UInt16(32))
            + Data("data".utf8) + le(UInt32(body.count)) + body
    }

    @Test func transcribesTheREADMESampleWithTheBundledModel() throws {
        let sample = Fixtures.audioSamples.appendingPathComponent("three-one-four_16k.wav").path
        let run = try Self.earshot(["transcribe", "--json", sample])
        #expect(run.status == 0, "\(run.errors)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(run.output.utf8)) as? [String: Any])
        #expect(object["text"] as? String == "three one four")
        #expect((object["words"] as? [[String: Any]])?.count == 3)
    }

    /// `info --level` against sox's `stats` of the same file (peak -3.00 dB, RMS -20.28 dB), to
    /// 0.05 dB; digital silence is said as such.
    @Test func infoLevelAgreesWithSox() throws {
        let sample = Fixtures.audioSamples.appendingPathComponent("three-one-four_16k.wav").path
        let run = try Self.earshot(["info", "--level", "--json", sample])
        #expect(run.status == 0, "\(run.errors)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(run.output.utf8)) as? [String: Any])
        #expect(abs((object["peak_decibels"] as? Double ?? 0) - -3.00) < 0.05, "\(run.output)")
        #expect(abs((object["rms_decibels"] as? Double ?? 0) - -20.28) < 0.05, "\(run.output)")
        #expect(object["sample_rate"] as? Int == 16000)

        let silence = try Self.write("silence.wav", Self.floatWAV([Float](repeating: 0, count: 800)))
        let text = try Self.earshot(["info", "--level", silence])
        #expect(text.status == 0 && text.output.hasSuffix("1 channel, 800 frames, 0.100 s, digital silence\n"), "\(text.output)")
    }

    @Test func badAudioIsOneLineNamingTheFile() throws {
        let sample = try Data(contentsOf: Fixtures.audioSamples.appendingPathComponent("three-one-four_16k.wav"))
        var withNaN = (0..<8000).map { Float(sin(Double($0) / 5) * 0.1) }
        withNaN[4000] = .nan
        let cases: [(file: String, problem: String)] = [
            (try Self.write("empty.wav", Data()), "empty"),
            (try Self.write("text.wav", Data("hello, not audio\n".utf8)), "not a readable audio file"),
            (try Self.write("truncated.wav", sample.prefix(3000)), "truncated"),
            (try Self.write("nan.wav", Self.floatWAV(withNaN)), "NaN"),
            (Self.directory.appendingPathComponent("missing.wav").path, "no such file"),
        ]
        for (file, problem) in cases {
            let run = try Self.earshot(["transcribe", file])
            #expect(run.status == 1, "\(file)")
            #expect(run.errorLines.count == 1 && run.errors.contains(file) && run.errors.contains(problem), "\(run.errors)")
        }
    }

    @Test func aFileOverMaxDurationIsRefusedInOneLine() throws {
        let sample = Fixtures.audioSamples.appendingPathComponent("three-one-four_16k.wav").path
        let run = try Self.earshot(["transcribe", "--max-duration", "1", sample])
        #expect(run.status == 1)
        #expect(run.errorLines == ["\(sample): too long: header declares 1.3 s of audio, the limit is 1.0 s"], "\(run.errors)")
        #expect(try Self.earshot(["transcribe", "--max-duration", "2", sample]).status == 0)
    }

    @Test func aModelWithAWrongShapeIsRefusedNamingTheTensor() throws {
        let url = Fixtures.packageRoot.appendingPathComponent("Sources/Earshot/Resources/default.safetensors")
        var model = try Data(contentsOf: url)
        // the first layer's input weights are [3H, D]; claim [3H, D + 1] (D < 999: same header length)
        let network = try Model(contentsOf: url).config.network
        let (rows, columns) = (3 * network.hiddenSize, network.inputSize)
        let shape = try #require(model.range(of: Data("[\(rows),\(columns)]".utf8)))
        model.replaceSubrange(shape, with: Data("[\(rows),\(columns + 1)]".utf8))
        let path = try Self.write("wrong-shape.safetensors", model)
        let sample = Fixtures.audioSamples.appendingPathComponent("3_lucas_5.wav").path
        let run = try Self.earshot(["transcribe", "--model", path, sample])
        #expect(run.status != 0)
        #expect(run.errorLines.count == 1 && run.errors.contains(path) && run.errors.contains("gru.weight_ih_l0"), "\(run.errors)")
    }

    @Test func anUnknownWordInAManifestNamesItsLine() throws {
        let clip = Fixtures.audioSamples.appendingPathComponent("7_jackson_5.wav").path
        let manifest = try Self.write(
            "unknown-word.jsonl",
            Data("{\"audio_filepath\": \"\(clip)\", \"text\": \"seven\"}\n{\"audio_filepath\": \"\(clip)\", \"text\": \"sevn\"}\n".utf8))
        let run = try Self.earshot(["eval", "--data", manifest])
        #expect(run.status != 0)
        #expect(run.errorLines.count == 1 && run.errors.contains("\(manifest):2") && run.errors.contains("'sevn'"), "\(run.errors)")
    }

    @Test func rawPCMOnStandardInputStreamsToAFinal() throws {
        // 0.5 s of silence, the FSDD clip, 1.5 s of silence, as 8 kHz S16_LE
        let clip = Fixtures.audioSamples.appendingPathComponent("7_jackson_5.wav").path
        let wav = try Data(contentsOf: URL(fileURLWithPath: clip))
        let pcm = Data(count: 8000) + wav.dropFirst(44) + Data(count: 24000)
        let run = try Self.earshot(["stream", "-", "--rate", "8000", "--json"], input: pcm)
        #expect(run.status == 0, "\(run.errors)")
        let finals = run.output.split(separator: "\n").filter { $0.contains("\"type\":\"final\"") }
        #expect(finals.count == 1 && finals[0].contains("\"text\":\"seven\""), "\(run.output)")
    }
}
