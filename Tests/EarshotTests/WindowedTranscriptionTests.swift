import EarshotAudio
import EarshotFeatures
import EarshotTestSupport
import Foundation
import Testing

@testable import Earshot

/// Long files are recognized window by window (`Recognizer.transcribeInWindows`): the cuts fall in
/// pauses, the windows' features are the whole file's, and the words match the whole-file pass.
@Suite struct WindowedTranscriptionTests {
    @Test func theCutFallsInsideTheLongestPauseNotAShortGap() {
        var levels = [Float](repeating: -10, count: 100)
        levels[20] = -70  // a one-frame gap inside a word
        for t in 40..<70 { levels[t] = -60 }  // a pause of 30 frames
        let cut = QuietestStretch.centre(of: levels, in: 0..<100, radius: 5)
        #expect(cut == 45)  // the earliest frame with 5 quiet frames on either side
        #expect(QuietestStretch.centre(of: levels, in: 80..<100, radius: 5) == 80)  // no pause: the earliest
    }

    @Test func aShiftedTranscriptIsInFileTime() {
        let word = WordTiming(word: "one", start: 0.1, end: 0.4, confidence: 0.9)
        let shifted = Transcript(text: "one", words: [word], alternatives: []).shifted(by: 2)
        #expect(shifted.words == [WordTiming(word: "one", start: 2.1, end: 2.4, confidence: 0.9)] && shifted.text == "one")
    }

    /// One window holding the whole file is the whole-file pass, bit for bit: the streamed
    /// features and levels equal the offline ones.
    @Test(arguments: [1, 3])
    func oneWindowIsTheWholeFilePass(frameStacking: Int) throws {
        let recognizer = try Recognizer(model: TestModels.model(frameStacking: frameStacking), options: DecoderOptions(beamWidth: 4))
        let clip = Fixtures.audioSamples.appendingPathComponent("three-one-four_16k.wav").path
        let audio = try AudioReader.read(clip, sampleRate: 8000)
        let whole = recognizer.decode(try recognizer.posteriors(audio, label: clip))
        let source = try AudioFileChunkReader(path: clip, sampleRate: 8000)
        let (windowed, samples) = try recognizer.transcribeInWindows(source, windowFrames: 100_000)
        #expect(samples == audio.samples.count)
        #expect(windowed.words == whole.words && windowed.text == whole.text)
    }

    /// Twelve clips with pauses of 0.7–1.5 s (about 20 s) in windows of at most 4 s: the same words
    /// as the whole-file pass, each within a frame of its whole-file times; every window but the
    /// last holds 2–4 s; the features of all windows are the whole file's.
    @Test(.enabled(if: Model.bundledDefaultURL != nil))
    func windowsCutInPausesGiveTheWholeFileWords() throws {
        let recognizer = try Recognizer(model: Model.bundledDefault())
        let rate = recognizer.model.config.sampleRate
        let directory = try Fixtures.temporaryDirectory("earshot-windows")
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("program.wav").path
        try WAVWriter.write(try program(rate: rate), sampleRate: rate, to: path)

        let whole = try recognizer.transcribe(file: path, posteriors: true, limits: FileTranscriptionLimits(windowSeconds: 1000))
        let windowed = try recognizer.transcribe(file: path, posteriors: true, limits: FileTranscriptionLimits(windowSeconds: 4))
        #expect(whole.words.count >= 12)
        #expect(windowed.text == whole.text)
        #expect(windowed.words.count == whole.words.count)
        for (a, b) in zip(windowed.words, whole.words) {
            #expect(a.word == b.word && abs(a.start - b.start) <= 0.0101 && abs(a.end - b.end) <= 0.0101, "\(a) vs \(b)")
        }
        #expect(windowed.features == whole.features && windowed.logProbs?.count == whole.logProbs?.count)
        #expect(abs(windowed.duration - whole.duration) < 1e-9)

        // windows of at most 4 s in network frames (400 feature frames, or 133 for a model that stacks 3)
        let windowFrames = 400 / recognizer.model.config.frameStacking
        var sizes: [Int] = []
        let source = try AudioFileChunkReader(path: path, sampleRate: rate)
        _ = try recognizer.transcribeInWindows(source, windowFrames: windowFrames) { _, logProbs in sizes.append(logProbs.frames) }
        #expect(sizes.count >= 5 && sizes.dropLast().allSatisfy { (windowFrames / 2..<windowFrames).contains($0) })
        #expect(sizes.last! <= windowFrames)
    }

    /// The sample clips twice over, each followed by a pause, over deterministic noise at −70 dBFS.
    private func program(rate: Int) throws -> [Float] {
        let names = ["3_lucas_5.wav", "three-one-four_16k.wav", "7_jackson_5.wav", "yes-stop-go_16k.wav",
                     "9_yweweler_8.wav", "4_george_7_44k_stereo.flac"]
        var samples: [Float] = []
        for (i, name) in (names + names).enumerated() {
            samples += try AudioReader.read(Fixtures.audioSamples.appendingPathComponent(name).path, sampleRate: rate).samples
            samples += [Float](repeating: 0, count: rate * [7, 10, 15, 12][i % 4] / 10)
        }
        var state: UInt32 = 1
        return samples.map { sample in
            state = state &* 1_664_525 &+ 1_013_904_223
            return sample + 3e-4 * (Float(state >> 8) / Float(1 << 24) - 0.5)
        }
    }
}
