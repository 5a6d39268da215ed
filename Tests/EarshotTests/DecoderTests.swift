import EarshotFeatures
import EarshotNN
import Foundation
import Testing

@testable import Earshot

private let vocabulary = ["<blank>", "one", "two", "three"]
private let timing = FrameTiming(.eightKilohertz())  // 80-sample (10 ms) hop, 200-sample (25 ms) frames

/// Log-probs from per-frame probability rows (each row sums to 1).
private func logProbs(_ rows: [[Float]]) -> LogProbMatrix {
    LogProbMatrix(frames: rows.count, classes: rows[0].count, values: rows.flatMap { $0.map { log($0) } })
}

/// A frame-by-frame path made peaky: `peak[t]` on `path[t]`, the rest shared evenly.
private func peaky(_ path: [Int], peak: [Float], classes: Int = vocabulary.count) -> LogProbMatrix {
    logProbs(zip(path, peak).map { symbol, p in
        (0..<classes).map { $0 == symbol ? p : (1 - p) / Float(classes - 1) }
    })
}

/// Deterministic rows of random probabilities (SplitMix64).
private func randomLogProbs(frames: Int, classes: Int, seed: UInt64) -> LogProbMatrix {
    var state = seed
    func next() -> Float {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return Float((z ^ (z >> 31)) >> 40) / Float(1 << 24) + 0.05
    }
    return logProbs((0..<frames).map { _ in
        let raw = (0..<classes).map { _ in next() }
        let total = raw.reduce(0, +)
        return raw.map { $0 / total }
    })
}

/// Every path of the matrix enumerated: label sequence → P(labels) = Σ over its paths, in Double.
private func bruteForceSequenceProbabilities(_ m: LogProbMatrix) -> [[Int]: Double] {
    var result: [[Int]: Double] = [:]
    let paths = Int(pow(Double(m.classes), Double(m.frames)))
    for code in 0..<paths {
        var rest = code
        var path: [Int] = []
        var logP: Double = 0
        for t in 0..<m.frames {
            path.append(rest % m.classes)
            logP += Double(m[t, rest % m.classes])
            rest /= m.classes
        }
        result[CTCTopology().collapse(path), default: 0] += exp(logP)
    }
    return result
}

private func decoder(_ options: DecoderOptions) throws -> CTCDecoder {
    try CTCDecoder(vocabulary: vocabulary, options: options, timing: timing)
}

@Suite struct DecoderTests {
    @Test func greedyCollapsesRepeatsAndDropsBlanks() throws {
        let m = peaky([0, 1, 1, 0, 1, 2, 2, 2, 0, 0], peak: Array(repeating: 0.9, count: 10))
        #expect(CTCTopology().collapse(GreedyDecoder.bestPath(m).path) == [1, 1, 2])
        let transcript = try decoder(DecoderOptions(beamWidth: 1)).decode(m)
        #expect(transcript.text == "one one two")
        #expect(transcript.alternatives.count == 1)
        #expect(abs(transcript.alternatives[0].logScore - 10 * log(0.9)) < 1e-4)
    }

    /// Two frames, P(blank) = 0.6, P(one) = 0.4: the best path is blank-blank (0.36, empty), but
    /// "one" has three paths: 0.4·0.4 + 0.4·0.6 + 0.6·0.4 = 0.64.
    @Test func beamSearchSumsPathsAndBeatsTheBestPath() throws {
        let m = logProbs([[0.6, 0.4], [0.6, 0.4]])
        let words = ["<blank>", "one"]
        let greedy = try CTCDecoder(vocabulary: words, options: .init(beamWidth: 1), timing: timing).decode(m)
        let beam = try CTCDecoder(vocabulary: words, options: .init(beamWidth: 4), timing: timing).decode(m)
        #expect(greedy.text == "")
        #expect(beam.text == "one")
        #expect(abs(beam.alternatives[0].logScore - log(0.64)) < 1e-5)
        #expect(beam.alternatives.map(\.text) == ["one", ""])
        #expect(abs(beam.alternatives[1].logScore - log(0.36)) < 1e-5)
    }

    /// With a beam wide enough to keep every prefix, the n-best list is the exact ranking.
    /// A word below the symbol threshold in every frame never starts a prefix; without pruning it does.
    @Test func symbolThresholdPrunesImprobableWords() {
        let rows: [[Float]] = Array(repeating: [0.5, 0.49999, 0.00001], count: 3)
        let exact = PrefixBeamSearch(beamWidth: 100).search(logProbs(rows))
        let pruned = PrefixBeamSearch(beamWidth: 100, symbolThreshold: 1e-4).search(logProbs(rows))
        #expect(exact.contains { $0.labels.contains(2) })
        #expect(!pruned.contains { $0.labels.contains(2) })
        #expect(pruned.map(\.labels) == exact.filter { !$0.labels.contains(2) }.map(\.labels))
    }

    @Test(arguments: [1, 2, 3] as [UInt64])
    func unprunedBeamMatchesBruteForceEnumeration(seed: UInt64) throws {
        let m = randomLogProbs(frames: 6, classes: 3, seed: seed)
        let exact = bruteForceSequenceProbabilities(m).sorted { $0.value > $1.value }
        let beam = PrefixBeamSearch(beamWidth: 10_000).search(m)
        #expect(beam.count == exact.count)
        for (found, expected) in zip(beam.prefix(8), exact.prefix(8)) {
            #expect(found.labels == expected.key)
            #expect(abs(Double(found.logScore) - log(expected.value)) < 1e-4)
        }
        // A narrow beam can only lose probability mass, never invent it.
        let narrow = PrefixBeamSearch(beamWidth: 2).search(m)
        #expect(Double(narrow[0].logScore) <= log(exact[0].value) + 1e-4)
    }

    /// Short and long label sequences, the long ones leaving few free frames (a narrow band).
    @Test(arguments: [(6, [1, 2]), (6, [1, 1]), (6, [2]), (6, []), (9, [1, 2, 1, 2]), (9, [1, 1, 2]), (9, [2, 2, 2])])
    func viterbiAlignmentIsTheBestPathForTheLabels(frames: Int, labels: [Int]) throws {
        let m = randomLogProbs(frames: frames, classes: 3, seed: 7)
        let path = try #require(CTCAlignment.viterbi(m, labels: labels))
        #expect(CTCTopology().collapse(path) == labels)
        func score(_ p: [Int]) -> Float { p.enumerated().reduce(0) { $0 + m[$1.offset, $1.element] } }
        var best: Float = -.infinity
        for code in 0..<Int(pow(3, Double(frames))) {
            var rest = code
            let candidate = (0..<frames).map { _ in defer { rest /= 3 }; return rest % 3 }
            if CTCTopology().collapse(candidate) == labels { best = max(best, score(candidate)) }
        }
        #expect(abs(score(path) - best) < 1e-5)
    }

    @Test func viterbiReportsImpossibleLabelSequences() {
        // "one one" needs a blank between the two: three frames at least.
        #expect(CTCAlignment.viterbi(randomLogProbs(frames: 2, classes: 3, seed: 1), labels: [1, 1]) == nil)
    }

    @Test(arguments: [1, 8])
    func wordTimesAndConfidencesComeFromTheEmittingFrames(beamWidth: Int) throws {
        let path = [0, 0, 1, 1, 1, 0, 0, 2, 0, 0]
        let peak: [Float] = [0.9, 0.9, 0.6, 0.8, 0.7, 0.9, 0.9, 0.95, 0.9, 0.9]
        let words = try decoder(DecoderOptions(beamWidth: beamWidth)).decode(peaky(path, peak: peak)).words
        #expect(words.map(\.word) == ["one", "two"])
        // "one" emits in frames 2–4: 0.02 s to 0.04 + 0.025 s; "two" in frame 7.
        #expect(words[0].start == 0.020 && words[0].end == 0.065)
        #expect(words[1].start == 0.070 && words[1].end == 0.095)
        #expect(abs(words[0].confidence - (0.6 + 0.8 + 0.7) / 3) < 1e-5)
        #expect(abs(words[1].confidence - 0.95) < 1e-5)
    }

    /// Without snip-edges, frame t is centred on t · shift + shift / 2: it starts shift/2 − length/2 earlier.
    @Test func centredFramesShiftTimesAndClampAtZero() {
        let centred = FrameTiming(.eightKilohertz(snipEdges: false))  // offset 40 − 100
        #expect(centred.start(0) == 0 && centred.end(0) == 0.0175)
        #expect(centred.start(3) == 0.0225 && centred.end(3) == 0.0475)
    }

    /// With frame stacking by 3, network frame t is feature frames 3t…3t + 2 (10 ms shift, 25 ms long).
    @Test func aStackedFrameSpansItsFeatureFrames() {
        let stacked = FrameTiming(.eightKilohertz(), stacking: 3)
        #expect(stacked.start(0) == 0 && abs(stacked.end(0) - 0.045) < 1e-12)
        #expect(abs(stacked.start(2) - 0.06) < 1e-12 && abs(stacked.end(2) - 0.105) < 1e-12)
        #expect(abs(stacked.duration(frames: 4) - 0.12) < 1e-12)
        #expect(stacked.frames(seconds: 0.5) == 17 && stacked.frames(seconds: 0.6) == 20)
    }

    @Test func restrictionRenormalisesOverAllowedWordsAndBlank() throws {
        // Frame 1 prefers "two" (0.5) over "one" (0.3); only "one" and "three" are allowed.
        let m = logProbs([[0.9, 0.04, 0.03, 0.03], [0.1, 0.3, 0.5, 0.1], [0.9, 0.04, 0.03, 0.03]])
        #expect(try decoder(DecoderOptions(beamWidth: 1)).decode(m).text == "two")
        let restriction = try VocabularyRestriction(vocabulary: vocabulary, allowedWords: ["one", "three"])
        let restricted = restriction.apply(to: m)
        for t in 0..<3 {
            #expect(restricted[t, 2] == -.infinity)
            let total = [0, 1, 3].map { exp(restricted[t, $0]) }.reduce(0, +)
            #expect(abs(total - 1) < 1e-5)
        }
        #expect(abs(exp(restricted[1, 1]) - 0.3 / 0.5) < 1e-5)
        for width in [1, 4] {
            let transcript = try decoder(DecoderOptions(beamWidth: width, allowedWords: ["one", "three"])).decode(m)
            #expect(transcript.text == "one")
            #expect(abs(transcript.words[0].confidence - 0.6) < 1e-5)
        }
    }

    @Test func unknownAllowedWordIsAnError() {
        #expect(throws: DecoderOptionsError.unknownWord("four", vocabulary: vocabulary)) {
            try decoder(DecoderOptions(allowedWords: ["one", "four"]))
        }
    }

    @Test func wordsBelowTheRejectionThresholdBecomeUnknown() throws {
        let m = peaky([0, 1, 0, 0, 3, 0], peak: [0.9, 0.4, 0.9, 0.9, 0.8, 0.9])
        let transcript = try decoder(DecoderOptions(beamWidth: 1, rejectionThreshold: 0.5)).decode(m)
        #expect(transcript.text == "<unk> three")
        #expect(transcript.words.map(\.word) == [CTCDecoder.unknownWord, "three"])
        #expect(transcript.alternatives[0].text == "one three", "alternatives are not rejected")
    }

    @Test(arguments: [1, 4])
    func theFillerIsNeverReported(beamWidth: Int) throws {
        // "<other>" is symbol 2: speech outside the vocabulary, then "one", then more other speech
        // (said among other words, so kept here only with `otherSpeechPause` 0: OtherSpeechRejectionTests).
        let withFiller = ["<blank>", "one", ModelConfig.filler, "three"]
        let m = peaky([2, 0, 1, 0, 2, 0], peak: [0.9, 0.9, 0.8, 0.9, 0.9, 0.9])
        let decoder = try CTCDecoder(
            vocabulary: withFiller, options: DecoderOptions(beamWidth: beamWidth, otherSpeechPause: 0), timing: timing)
        let transcript = decoder.decode(m)
        #expect(transcript.text == "one")
        #expect(transcript.words.map(\.word) == ["one"])
        #expect(transcript.alternatives[0].text == "one")
        let onlyOther = decoder.decode(peaky([0, 2, 2, 0], peak: [0.9, 0.9, 0.9, 0.9]))
        #expect(onlyOther.text.isEmpty && onlyOther.words.isEmpty)
    }

    /// "one" and "one <other>" read the same: the n-best list shows the text once, with the better score.
    @Test func hypothesesThatDifferOnlyByTheFillerAreOneAlternative() throws {
        let withFiller = ["<blank>", "one", ModelConfig.filler, "three"]
        // frame 3 is "<other>" or blank about equally: "one" and "one <other>" are the two best prefixes
        let m = logProbs([[0.1, 0.8, 0.05, 0.05], [0.9, 0.04, 0.03, 0.03], [0.45, 0.02, 0.45, 0.08]])
        let decoder = try CTCDecoder(vocabulary: withFiller, options: DecoderOptions(beamWidth: 8, nBest: 3), timing: timing)
        let texts = decoder.decode(m).alternatives.map(\.text)
        #expect(texts.count == Set(texts).count, "\(texts)")
        #expect(texts.first == "one" && texts.contains("one three"))
        let scores = decoder.decode(m).alternatives.map(\.logScore)
        #expect(scores == scores.sorted(by: >))
    }

    @Test func restrictionKeepsTheFiller() throws {
        // Frame 1 is mostly "<other>"; restricted to "three", other speech stays other speech.
        let withFiller = ["<blank>", "one", ModelConfig.filler, "three"]
        let m = logProbs([[0.9, 0.04, 0.03, 0.03], [0.05, 0.25, 0.6, 0.1], [0.9, 0.04, 0.03, 0.03]])
        let restriction = try VocabularyRestriction(vocabulary: withFiller, allowedWords: ["three"])
        #expect(restriction.allowed == [true, false, true, true])
        let decoder = try CTCDecoder(
            vocabulary: withFiller, options: DecoderOptions(beamWidth: 1, allowedWords: ["three"]), timing: timing)
        #expect(decoder.decode(m).text.isEmpty)
    }

    @Test func anExcludedWordDoesNotBecomeTheFiller() throws {
        // Frame 1 is surely "one", which is not allowed. Renormalising over blank, filler and "three"
        // would give the filler 0.05 / 0.10 = 0.5; it keeps its 0.05, and the blank and "three" share
        // the rest in proportion: 0.95 · 0.03 / 0.05 and 0.95 · 0.02 / 0.05.
        let withFiller = ["<blank>", "one", ModelConfig.filler, "three"]
        let m = logProbs([[0.9, 0.04, 0.03, 0.03], [0.03, 0.9, 0.05, 0.02], [0.9, 0.04, 0.03, 0.03]])
        let restricted = try VocabularyRestriction(vocabulary: withFiller, allowedWords: ["three"]).apply(to: m)
        #expect(abs(exp(restricted[1, 2]) - 0.05) < 1e-5)
        #expect(abs(exp(restricted[1, 0]) - 0.57) < 1e-5 && abs(exp(restricted[1, 3]) - 0.38) < 1e-5)
        #expect(restricted[1, 1] == -.infinity)
        for t in 0..<3 {
            #expect(abs((0..<4).map { exp(restricted[t, $0]) }.reduce(0, +) - 1) < 1e-5)
        }
    }

    @Test func transcriptRoundTripsThroughJSON() throws {
        let transcript = try decoder(DecoderOptions()).decode(peaky([0, 2, 0], peak: [0.9, 0.9, 0.9]))
        let decoded = try JSONDecoder().decode(Transcript.self, from: JSONEncoder().encode(transcript))
        #expect(decoded == transcript)
    }

    @Test(arguments: [
        DecoderOptions(beamWidth: 0), DecoderOptions(nBest: 0), DecoderOptions(rejectionThreshold: 1.5),
        DecoderOptions(symbolThreshold: 1), DecoderOptions(otherSpeechPause: -0.1), DecoderOptions(otherSpeechPause: .infinity),
    ])
    func outOfRangeOptionsAreRejected(options: DecoderOptions) {
        #expect(throws: DecoderOptionsError.self) { try decoder(options) }
    }
}
