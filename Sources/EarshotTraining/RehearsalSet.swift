import Foundation

/// Clips of what a model already knows, trained beside a person's own while fine-tuning
/// (`Trainer.run(rehearsal:)`; `earshot train --init MODEL --rehearse SOURCE`), so the fine-tuned model keeps recognising
/// other people and keeps rejecting words outside its vocabulary: rehearsal (Robins 1995,
/// "Catastrophic forgetting, rehearsal and pseudorehearsal"). A few clips of one person's words
/// alone teach a model that everything it hears is one of those words.
///
/// The bundled set (`default`, `Resources/rehearsal/`) is a few of the bundled model's own
/// training clips: one of every vocabulary word and 13 other words, each from a different speaker
/// (`Scripts/data/rehearsal-set.py`; docs/model-card.md, "Adapting to one person", measures it).
public enum RehearsalSet {
    /// The name that means the set bundled for the bundled model (`--rehearse default`).
    public static let bundledName = "default"

    /// The bundled set's manifest, `Resources/rehearsal/rehearsal.jsonl`; nil when this build has none.
    public static var bundledManifestURL: URL? {
        Bundle.module.url(forResource: "rehearsal", withExtension: "jsonl", subdirectory: "Resources/rehearsal")
    }

    /// The clips of `source` (a folder, a manifest, or `default` for the bundled set), every
    /// word of which `model` must know: rehearsal keeps the model's words, it does not add any.
    public static func load(_ source: String, for model: BaseModel, issues: inout DataIssueLog, strict: Bool)
        throws(DataError) -> [LabeledClip]
    {
        var path = source
        if source == bundledName {
            guard let url = bundledManifestURL else {
                throw .unreadable(path: source, reason: "no rehearsal set is bundled with this build of Earshot")
            }
            path = url.path
        }
        let clips = try ClipSource.load(path, issues: &issues, strict: strict)
        let vocabulary = model.vocabulary(adding: [])
        for clip in clips { _ = try vocabulary.labels(for: clip, words: .modelVocabulary) }
        return clips
    }
}
