import ArgumentParser
import Earshot

/// How log-probs become words, shared by `transcribe`, `eval` and `stream`: beam width,
/// allowed words and rejection of unsure words.
struct DecodingFlags: ParsableArguments {
    @Option(help: "Beam width: 1 is greedy best-path decoding, more is CTC prefix beam search.")
    var beam = DecoderOptions().beamWidth
    @Option(
        help: "Only these words may be recognized, comma-separated (e.g. yes,no,stop). Default: the whole vocabulary.",
        transform: { $0.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) } })
    var words: [String]?
    @Option(help: "Report a word whose confidence is below this (0–1) as <unk>; 0 keeps every word.")
    var rejectBelow: Float = 0
    @Option(help: ArgumentHelp(
        "Seconds of pause that set a word apart from other speech; 0 keeps words said among other words.",
        discussion: """
            A vocabulary word in the same phrase as speech outside the vocabulary (no pause this long \
            between them) is taken as part of that speech and dropped: "downtown" gives nothing, not \
            "down". Commands said on their own are kept.
            """))
    var otherSpeechPause = DecoderOptions().otherSpeechPause

    func validate() throws {
        guard beam >= 1 else { throw ValidationError("--beam must be at least 1") }
        guard (0...1).contains(rejectBelow) else { throw ValidationError("--reject-below must be within 0...1") }
        if let words, words.contains(where: \.isEmpty) { throw ValidationError("--words has an empty word") }
        guard otherSpeechPause >= 0, otherSpeechPause.isFinite else {
            throw ValidationError("--other-speech-pause must be 0 or more seconds")
        }
    }

    func options(nBest: Int = 1) -> DecoderOptions {
        DecoderOptions(beamWidth: beam, nBest: nBest, allowedWords: words, rejectionThreshold: rejectBelow,
            otherSpeechPause: otherSpeechPause)
    }
}
