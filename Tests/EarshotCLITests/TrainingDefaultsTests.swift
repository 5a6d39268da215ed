import Earshot
import EarshotFeatures
import EarshotTestSupport
import EarshotTraining
import Foundation
import Testing

/// `earshot train` with no model or feature flags trains the model that `Trainer` trains from
/// Swift with its defaults: the CLI forwards to the library's defaults instead of choosing its own.
@Suite struct TrainingDefaultsTests {
    @Test func theCommandWithNoFlagsTrainsTheLibraryDefaultModel() throws {
        let directory = try Fixtures.temporaryDirectory("earshot-train-defaults")
        let data = Fixtures.fsddRecordings.path
        let fromCommand = directory.appendingPathComponent("command.safetensors")
        let run = try CommandLineTests.earshot(["train", "--data", data, "--dev-fraction", "0", "--epochs", "1", "--json-log", "--out", fromCommand.path])
        #expect(run.status == 0, "\(run.errors)")

        var issues = DataIssueLog()
        let clips = try ClipSource.load(data, issues: &issues)
        var configuration = TrainingConfiguration()
        configuration.epochs = 1
        let fromLibrary = directory.appendingPathComponent("library.safetensors")
        let progress = TrainingProgress(style: .json, write: { _ in })
        _ = try Trainer(configuration: configuration, outputs: TrainingOutputs(model: fromLibrary), progress: progress)
            .run(train: clips, dev: [])

        let (command, library) = (try Model(contentsOf: fromCommand), try Model(contentsOf: fromLibrary))
        #expect(command.config.features == (try FeatureOptions.training(for: clips)))
        #expect(command.config.features.frameOptions.dither == FrameExtractionOptions.trainingDither)
        #expect(command.config.features == library.config.features)
        #expect(command.config.network == library.config.network)
        #expect(command.config.cmvn == library.config.cmvn)
        #expect(command.network.parameterValues == library.network.parameterValues)

        // inspect describes the checkpoint train wrote beside the model
        let inspect = try CommandLineTests.earshot(["inspect", TrainingOutputs(model: fromCommand).checkpoint.path])
        #expect(inspect.status == 0, "\(inspect.errors)")
        #expect(inspect.output.contains("training checkpoint") && inspect.output.contains("epochs done      1 of 1"), "\(inspect.output)")
        #expect(inspect.output.contains("\"batchSize\" : 32"), "\(inspect.output)")
    }

    /// The SpecAugment width, gain range, weight-averaging and confidence-penalty flags reach the configuration `train` stores; a
    /// negative width or a reversed range is a usage error naming the flag.
    @Test func augmentationWidthFlagsReachTheStoredConfiguration() throws {
        let directory = try Fixtures.temporaryDirectory("earshot-train-masks")
        let model = directory.appendingPathComponent("masks.safetensors")
        let data = Fixtures.fsddRecordings.path
        let run = try CommandLineTests.earshot([
            "train", "--data", data, "--dev-fraction", "0", "--epochs", "1", "--time-mask-width", "9",
            "--frequency-mask-width", "7", "--gain-range=-30:6", "--average-weights", "0.999", "--confidence-penalty", "0.1", "--json-log",
            "--out", model.path,
        ])
        #expect(run.status == 0, "\(run.errors)")
        let inspect = try CommandLineTests.earshot(["inspect", TrainingOutputs(model: model).checkpoint.path])
        #expect(inspect.output.contains("\"maxTimeWidth\" : 9") && inspect.output.contains("\"maxFrequencyWidth\" : 7"), "\(inspect.output)")
        #expect(inspect.output.contains("\"minDecibels\" : -30") && inspect.output.contains("\"maxDecibels\" : 6"), "\(inspect.output)")
        #expect(inspect.output.contains("\"weightAveraging\" : 0.999"), "\(inspect.output)")
        #expect(inspect.output.contains("\"confidencePenalty\" : 0.1"), "\(inspect.output)")

        let refused = try CommandLineTests.earshot(["train", "--data", data, "--frequency-mask-width=-1", "--out", model.path])
        #expect(refused.status == 64, "\(refused.errors)")
        #expect(refused.errorLines.first == "Error: --frequency-mask-width must be 0 or more, got -1", "\(refused.errors)")
        let reversed = try CommandLineTests.earshot(["train", "--data", data, "--gain-range", "6:-30", "--out", model.path])
        #expect(reversed.status == 64, "\(reversed.errors)")
        #expect(reversed.errorLines.first == "Error: --gain-range must be MIN:MAX in dB with MIN <= MAX, e.g. -30:6", "\(reversed.errors)")
    }
}
