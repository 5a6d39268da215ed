import ArgumentParser
import Earshot
import EarshotFeatures
import EarshotTraining
import Foundation

struct TrainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "train",
        abstract: "Train a model on labelled clips: a folder per word, FSDD-style names, or a JSON Lines manifest.",
        discussion: """
            Reads every clip once and computes its features on all cores, then trains a bidirectional GRU with CTC (Adam with warm-up and decay, gradient clipping, dropout, augmentation), validates after every epoch, keeps the best model and stops when the dev score stops improving. Beside --out it writes NAME.checkpoint.safetensors (for --resume), NAME.curve.svg (loss and dev WER per epoch) and NAME.training.json (the summary).

            Unreadable, unlabelled, empty or too-short clips are skipped and counted (--strict makes them fatal). Ctrl-C saves a checkpoint and stops; the same command with --resume continues and ends as an uninterrupted run would. docs/training.md walks through training on your own words.

            Several processes or machines: under mpirun (earshot built with `swift build --traits MPI`), every process takes its share of each batch and the gradients are summed with MPI_Allreduce before each update; process 0 validates and writes the files. --batch-size is the whole batch over all processes. docs/training.md has the details.

            Fine-tuning: --init MODEL (a model file, or `default` for the bundled model) starts from that model's weights, e.g. to adapt it to one person's voice from a few clips per word. The features (sample rate, dither and every front-end option), the CMVN statistics and the architecture come from the model, so feature flags, --hidden and --layers that differ from the model's are an error. The vocabulary is the model's plus any new words in the clips. Unless given, the fine-tuning defaults apply: --lr \(TrainingConfiguration.fineTuning.learningRate), --warmup \(TrainingConfiguration.fineTuning.warmupSteps), --epochs \(TrainingConfiguration.fineTuning.epochs), --anchor \(TrainingConfiguration.fineTuning.anchorStrength) (keeps the weights near the model's, so it still knows what your clips do not show), --dev-fraction 0 (every clip trains; without --dev the training loss picks the best epoch). The new model's provenance says what it was fine-tuned from.

            Rehearsal: a few clips of one person's words alone teach the model that everything it hears is one of those words, so it stops rejecting other words. --rehearse SOURCE trains clips of what the model already knows beside yours; with --init default the set bundled for the bundled model (one clip of each of its words and 13 other words, from other speakers) is rehearsed unless --rehearse none. --distill λ trains the rehearsal clips toward what the model said about them as well as their labels: λ = 1 keeps other people's commands as the model had them, and rejects fewer other words than labels alone (docs/training.md).

            Examples:
              earshot train --data my-words/ --out words.safetensors
              earshot train --data train.jsonl --dev dev.jsonl --out digits.safetensors
              earshot train --data train.jsonl --dev dev.jsonl --out digits.safetensors --resume
              earshot train --init default --data my-voice/ --out me.safetensors
              earshot train --init me.safetensors --data more-of-my-voice/ --rehearse default --out me2.safetensors
              mpirun -np 4 earshot train --threads 1 --data train.jsonl --out digits.safetensors   (built with --traits MPI)
            """)

    @Option(name: .customLong("data"), help: "Training clips: a folder (DIR/WORD/*.wav or {digit}_{speaker}_{take}.wav) or a JSON Lines manifest; repeatable.")
    var data: [String] = []
    @Option(name: .customLong("dev"), help: "Validation clips, in the same forms; repeatable (default: --dev-fraction of the training clips).")
    var dev: [String] = []
    @Option(help: "Fraction of the training clips held out for validation when no --dev is given; 0 = none (default: \(Self.devFraction); with --init 0).")
    var devFraction: Double?
    @Option(name: .customLong("init"), help: "Fine-tune this model (a model file, or `default` for the bundled model) instead of starting from random weights.")
    var initialModel: String?
    @Option(
        name: .customLong("rehearse"),
        help: "With --init: clips of what the model already knows, trained beside yours so it keeps recognising other people and rejecting other words; a folder, a manifest, or `default` (the set bundled for the bundled model); repeatable; `none`: no rehearsal (default: with --init default, default).")
    var rehearse: [String] = []
    @Option(help: "The model file to write; the checkpoint, curve and summary go beside it.")
    var out = "model.safetensors"
    @Option(help: "The words the model knows, comma-separated (default: every word of the training transcripts).")
    var words: String?

    @OptionGroup(title: "Training") var training: TrainingFlags
    @OptionGroup(title: "Augmentation") var augmentation: AugmentationFlags
    @OptionGroup(title: "Features (default: MFCC at the first training clip's rate, dither \(FrameExtractionOptions.trainingDither); with --init the model's)") var features: KaldiFeatureFlags

    @Flag(help: "Write one JSON object per line on standard output instead of a progress display.")
    var jsonLog = false
    @Flag(help: "Continue from the checkpoint beside --out (same data and options; --epochs may grow).")
    var resume = false
    @Flag(help: "Stop at the first bad clip instead of skipping it.")
    var strict = false

    func validate() throws {
        guard !data.isEmpty else { throw ValidationError("give the training clips with --data DIR or --data MANIFEST") }
        guard (0..<1).contains(devFraction ?? 0) else { throw ValidationError("--dev-fraction must be in [0, 1)") }
        guard training.anchorStrength == nil || initialModel != nil else {
            throw ValidationError("--anchor needs --init: it keeps the weights near the model's")
        }
        guard rehearse.isEmpty || initialModel != nil else {
            throw ValidationError("--rehearse needs --init: it replays what the model already knows")
        }
        guard !rehearse.contains("none") || rehearse == ["none"] else {
            throw ValidationError("--rehearse none means no rehearsal; give it alone")
        }
        guard training.rehearsalDistillation == nil || !rehearsalSources.isEmpty else {
            throw ValidationError("--distill needs rehearsal (--init default, or --init MODEL --rehearse SOURCE): it trains the rehearsal clips")
        }
    }

    /// The share of the clips held out for validation when no --dev is given (not when fine-tuning).
    static let devFraction = 0.1

    /// What fine-tuning rehearses: the sources given, or the bundled set when fine-tuning the bundled model.
    var rehearsalSources: [String] {
        if rehearse == ["none"] { return [] }
        if rehearse.isEmpty, initialModel == BaseModel.bundledName { return [RehearsalSet.bundledName] }
        return rehearse
    }

    func run() throws {
        let baseModel = try initialModel.map { path throws(ModelFileError) in try BaseModel.load(path) }
        if let baseModel, let conflict = features.conflicts(with: baseModel.features).first {
            throw TrainingError.baseModelConflict(model: baseModel.name, detail: conflict)
        }
        var issues = DataIssueLog()
        let loaded = try data.flatMap { source throws(DataError) in try ClipSource.load(source, issues: &issues, strict: strict) }
        var devClips = try dev.flatMap { source throws(DataError) in try ClipSource.load(source, issues: &issues, strict: strict) }
        var trainClips = loaded
        if dev.isEmpty {
            let fraction = devFraction ?? (baseModel == nil ? Self.devFraction : 0)
            (trainClips, devClips) = ClipSplit.holdOut(loaded, fraction: fraction, seed: training.seed)
        }
        var rehearsal: [LabeledClip] = []
        if let baseModel {
            for source in rehearsalSources {
                rehearsal += try RehearsalSet.load(source, for: baseModel, issues: &issues, strict: strict)
            }
        }
        // fine-tuning: the model's features (the flags were checked against them above)
        let featureOptions = try baseModel == nil ? features.featureOptions(frame: .training(for: trainClips)) : nil
        let base = baseModel.map { TrainingConfiguration.fineTuning($0.model) } ?? TrainingConfiguration()

        let interrupt = InterruptHandler(
            message: "\nstopping after this batch and saving a checkpoint (Ctrl-C again quits at once)\n")
        defer { interrupt.uninstall() }
        let summary = try TrainingProcesses.run { group in
            // only process 0 reports; under mpirun every process runs this command
            let progress = group.rank == 0 ? TrainingProgress.standard(json: jsonLog) : TrainingProgress(style: .lines, write: { _ in })
            for line in issues.summaryLines { progress.note(line) }
            let trainer = Trainer(
                configuration: training.configuration(base: base, augmentation: augmentation.options), features: featureOptions,
                baseModel: baseModel, outputs: TrainingOutputs(model: URL(fileURLWithPath: out)),
                provenance: Provenance(
                    dataset: (data + rehearsalSources.map { "rehearsal \($0)" } + dev).joined(separator: ", "),
                    recipe: (["earshot"] + CommandLine.arguments.dropFirst()).joined(separator: " ")),
                progress: progress, stop: interrupt.stop, group: group)
            return try trainer.run(
                train: trainClips, dev: devClips, vocabulary: words.map { Vocabulary(words: $0.split(separator: ",").map(String.init)) },
                rehearsal: rehearsal, resume: resume, strict: strict)
        }
        if summary.ending == .interrupted { throw ExitCode(130) }
    }
}
