import Foundation
import EarshotFeatures

extension Model {
    /// A human-readable description: architecture, parameter count, vocabulary, front-end, provenance.
    public var summary: String {
        let c = config
        let n = c.network
        let frame = c.features.frameOptions
        let mel = c.features.melOptions
        let kind: String
        switch c.features {
        case .mfcc(let o): kind = "MFCC, \(o.numCeps) cepstra, \(mel.numBins) mel bins, lifter \(o.cepstralLifter)"
        case .fbank: kind = "log mel filterbank, \(mel.numBins) bins"
        }
        let cmvn = c.cmvn.mode.rawValue + (c.cmvn.normalizeVariance ? " (mean and variance)" : " (mean)")
        var lines = [
            "format version   \(c.formatVersion)",
            "architecture     \(n.numLayers)-layer \(n.bidirectional ? "bidirectional " : "")GRU, \(n.hiddenSize) units per direction, "
                + "input \(n.inputSize) → Linear \(n.directions * n.hiddenSize)→\(n.numClasses) → log-softmax → CTC",
            "parameters       \(parameterCount)",
            "vocabulary       \(c.vocabulary.count) symbols: \(c.vocabulary.joined(separator: " "))",
            "sample rate      \(c.sampleRate) Hz",
            "features         \(kind); \(frame.frameLengthMs) ms frames every \(frame.frameShiftMs) ms, "
                + "\(frame.windowType.rawValue) window, pre-emphasis \(frame.preemphasisCoefficient), "
                + "mel \(mel.lowFreq)–\(mel.effectiveHighFreq(sampleFrequency: frame.sampleFrequency)) Hz, "
                + (frame.dither > 0 ? "dither \(frame.dither)" : "no dither"),
            "cmvn             \(cmvn)",
        ]
        if c.frameStacking > 1 {
            lines.append(
                "frame stacking   \(c.frameStacking) frames per network step "
                    + "(\(frame.frameShiftMs * Float(c.frameStacking)) ms, \(c.features.dimension) × \(c.frameStacking) inputs)")
        }
        let p = c.provenance
        let provenance: [(String, String?)] = [
            ("fine-tuned from", p.fineTunedFrom), ("dataset", p.dataset), ("recipe", p.recipe), ("created", p.created),
            ("earshot version", p.earshotVersion), ("epochs", p.epochs.map(String.init)),
            ("dev figures", p.devFigures.map { $0.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ") }),
        ]
        for (label, value) in provenance {
            if let value { lines.append(label.padding(toLength: 17, withPad: " ", startingAt: 0) + value) }
        }
        return lines.joined(separator: "\n")
    }
}
