import ArgumentParser
import Earshot
import EarshotTraining
import Foundation

struct InspectCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "inspect",
        abstract: "Describe a model file (architecture, parameters, vocabulary, features, provenance) or a training checkpoint.",
        discussion: """
            Loads the model with every check transcription applies, so a corrupt file reports \
            its problem here too. --config prints the config JSON stored in the file instead, \
            pretty-printed: a template for bringing a model trained elsewhere into Earshot \
            (docs/model-format.md). A training checkpoint (NAME.checkpoint.safetensors, written \
            by train) is described by its epoch, step and configuration.

            Examples:
              earshot inspect
              earshot inspect --config my-model.safetensors
            """)

    @Argument(help: "Model file or training checkpoint (.safetensors). Default: the model bundled with Earshot.") var model: String?
    @Flag(help: "Print the model's config as JSON instead of the summary.") var config = false

    func run() throws {
        if let model, let checkpoint = try CheckpointInspection.summary(ofFileAt: URL(fileURLWithPath: model)) {
            print("checkpoint       \(model)")
            print(checkpoint)
            return
        }
        let loaded = try Model.load(model)
        if config {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
            print(String(decoding: try encoder.encode(loaded.config), as: UTF8.self))
        } else {
            print("model            \(model ?? Model.bundledDefaultURL?.path ?? "default")")
            print(loaded.summary)
        }
    }
}
