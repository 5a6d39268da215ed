import Testing

@testable import Earshot

@Suite struct StreamingFrameLevelsTests {
    @Test(arguments: [0, -60])  // snip-edges framing, and frames centred on the hops (offset −60 at 8 kHz)
    func levelsOfAnyChunkingEqualTheOfflineLevels(offset: Int) {
        let timing = FrameTiming(sampleRate: 8000, shift: 80, length: 200, offset: offset)
        let samples = BeepModel.signal([(false, 0.3), (true, 0.4), (false, 0.31)])
        let frames = offset == 0 ? 1 + (samples.count - 200) / 80 : (samples.count + 40) / 80
        let offline = SpeechExtent.frameLevels(samples, timing: timing, frames: frames)
        for piece in [1, 79, 1280, samples.count] {
            var streaming = StreamingFrameLevels(timing: timing)
            var levels: [Float] = []
            for start in stride(from: 0, to: samples.count, by: piece) {
                levels += streaming.accept(Array(samples[start..<min(samples.count, start + piece)]))
            }
            levels += streaming.finish(frames: frames)
            #expect(levels == offline, "pieces of \(piece)")
        }
    }
}
