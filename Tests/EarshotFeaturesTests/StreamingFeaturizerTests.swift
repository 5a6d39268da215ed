import Testing

@testable import EarshotFeatures

struct StreamingFeaturizerTests {
    static func options(snipEdges: Bool, dither: Float = 0) -> FeatureOptions {
        var mfcc = MfccOptions()
        mfcc.frame.sampleFrequency = 8000
        mfcc.frame.snipEdges = snipEdges
        mfcc.frame.dither = dither
        mfcc.frame.ditherSeed = 7
        return .mfcc(mfcc)
    }

    /// Feeds `samples` in chunks of sizes drawn by `chunkSize`, checking memory stays bounded.
    static func stream(
        _ samples: [Float], _ streaming: StreamingFeaturizer, chunkSize: () -> Int
    ) -> FeatureMatrix {
        var result = FeatureMatrix(dims: streaming.dimension)
        var position = 0
        let frameLength = streaming.options.frameOptions.frameLength
        while position < samples.count {
            let end = min(samples.count, position + chunkSize())
            result.append(streaming.accept(Array(samples[position..<end])))
            #expect(streaming.bufferedSampleCount <= 4 * frameLength + (end - position))
            position = end
        }
        result.append(streaming.finish())
        return result
    }

    @Test(arguments: [true, false])
    func randomChunkingsEqualOffline(snipEdges: Bool) throws {
        let samples = try TestSignals.fsdd()
        for options in [Self.options(snipEdges: snipEdges), Self.options(snipEdges: snipEdges, dither: 1)] {
            let offline = try Featurizer(options).compute(samples)
            let streaming = try StreamingFeaturizer(options)
            var generator = TestSignals.Generator(state: 42)
            let chunkers: [() -> Int] = [
                { 1 },
                { Int.random(in: 0...37, using: &generator) },
                { Int.random(in: 1...700, using: &generator) },
                { samples.count },
            ]
            for chunkSize in chunkers {
                let streamed = Self.stream(samples, streaming, chunkSize: chunkSize)
                #expect(streamed == offline)  // bit-identical, and reusable after finish()
            }
        }
    }

    @Test(arguments: [true, false])
    func shortSignalsEqualOffline(snipEdges: Bool) throws {
        let options = Self.options(snipEdges: snipEdges)
        for count in [0, 1, 39, 41, 60, 119, 200, 201, 279, 280, 281] {
            let samples = TestSignals.toneAndNoise(count: count, seed: UInt64(count))
            let offline = try Featurizer(options).compute(samples)
            #expect(offline.frames == options.frameOptions.frameCount(sampleCount: count))
            let streaming = try StreamingFeaturizer(options)
            let streamed = Self.stream(samples, streaming) { 3 }
            #expect(streamed == offline, "\(count) samples")
        }
    }

    @Test func framesArriveAsSoonAsComplete() throws {
        let options = Self.options(snipEdges: true)
        let streaming = try StreamingFeaturizer(options)
        let samples = TestSignals.toneAndNoise(count: 400)
        #expect(streaming.accept(Array(samples[0..<199])).frames == 0)
        #expect(streaming.accept([samples[199]]).frames == 1)  // frame 0 = samples 0..<200
        #expect(streaming.accept(Array(samples[200..<280])).frames == 1)  // frame 1 ends at 280
        #expect(streaming.finish().frames == 0)
    }
}
