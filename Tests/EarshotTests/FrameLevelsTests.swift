import Foundation
import EarshotFeatures
import Testing

@testable import Earshot

@Suite struct FrameLevelsTests {
    /// The levels a `StreamingFeaturizer` hands out with its frames, for any chunking, equal
    /// `SpeechExtent.frameLevels` of the whole signal (what `Recognizer` uses).
    @Test(arguments: [true, false])  // snip-edges framing, and frames centred on the hops
    func streamedLevelsEqualTheOfflineLevels(snipEdges: Bool) throws {
        let framing = FrameExtractionOptions.eightKilohertz(snipEdges: snipEdges)
        var mfcc = MfccOptions()
        mfcc.frame = framing
        let samples = BeepModel.signal([(false, 0.3), (true, 0.4), (false, 0.31)])
        let frames = framing.frameCount(sampleCount: samples.count)
        let offline = SpeechExtent.frameLevels(samples, timing: FrameTiming(framing), frames: frames)
        let featurizer = try StreamingFeaturizer(.mfcc(mfcc))
        for piece in [1, 79, 1280, samples.count] {
            var levels: [Float] = []
            var featureFrames = 0
            for start in stride(from: 0, to: samples.count, by: piece) {
                featureFrames += featurizer.accept(Array(samples[start..<min(samples.count, start + piece)]), levels: &levels).frames
                #expect(levels.count == featureFrames, "one level per frame, as the frame is returned")
            }
            featureFrames += featurizer.finish(levels: &levels).frames
            #expect(levels == offline, "pieces of \(piece)")
            #expect(featureFrames == frames)
        }
    }

    /// A microphone's DC offset is not a level: a constant gives the floor, and a tone the same
    /// level with or without an offset (some Speech Commands clips sit 0.04 above zero throughout).
    @Test func theDCOffsetIsTakenOut() {
        let framing = FrameExtractionOptions.eightKilohertz()
        let tone = (0..<8000).map { Float(0.1 * sin(2 * Double.pi * 440 * Double($0) / 8000)) }
        let frames = framing.frameCount(sampleCount: tone.count)
        let plain = framing.frameLevels(tone, frames: frames)
        let offset = framing.frameLevels(tone.map { $0 + 0.04 }, frames: frames)
        for (a, b) in zip(plain, offset) { #expect(abs(a - b) < 0.01) }
        #expect(abs(plain[10] - 10 * log10(0.1 * 0.1 / 2)) < 0.1)  // a sine's mean square: A² / 2
        #expect(framing.frameLevels([Float](repeating: 0.04, count: 8000), frames: frames).allSatisfy { $0 < -90 })
    }
}
