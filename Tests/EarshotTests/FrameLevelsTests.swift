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
}
