import EarshotNN
import EarshotTestSupport
import Testing

@testable import Earshot

@Suite struct LatencyControlledBiGRUTests {
    static let network = AcousticNetwork(
        config: NetworkConfig(inputSize: 5, hiddenSize: 6, numLayers: 2, numClasses: 4), seed: 3, threads: 1)

    /// Deterministic features `[frames, 5]` in [−1, 1).
    static func features(_ frames: Int, seed: UInt64 = 9) -> [Float] {
        var rng = EarshotNN.SplitMix64(seed: seed)
        return (0..<frames * 5).map { _ in Float.random(in: -1..<1, using: &rng) }
    }

    /// Feeds `features` in pieces of `piece` frames, then finishes.
    static func stream(_ gru: LatencyControlledBiGRU, _ features: [Float], piece: Int) -> [Float] {
        var output: [Float] = []
        for start in stride(from: 0, to: features.count, by: piece * 5) {
            output += gru.accept(Array(features[start..<min(features.count, start + piece * 5)]))
        }
        return output + gru.finish()
    }

    @Test(arguments: [(1, 1), (4, 4), (16, 3), (100, 100)])
    func aLookAheadAsLongAsTheUtteranceIsTheOfflineNetwork(chunkFrames: Int, firstChunkFrames: Int) {
        let features = Self.features(57)
        let offline = Self.network.logProbs(features, frames: 57)
        let gru = LatencyControlledBiGRU(
            network: Self.network, chunkFrames: chunkFrames, lookAheadFrames: 57, firstChunkFrames: firstChunkFrames)
        for piece in [1, 7, 57] {
            let streamed = Self.stream(gru, features, piece: piece)  // also: reusable after finish()
            #expect(streamed.count == offline.count)
            #expect(worstToleranceExcess(streamed, offline, atol: 1e-5, rtol: 1e-5) <= 0)
        }
    }

    @Test func outputsDependOnlyOnFramesUpToTheLookAhead() {
        let (chunk, lookAhead) = (8, 4)
        let features = Self.features(40)
        let gru = LatencyControlledBiGRU(network: Self.network, chunkFrames: chunk, lookAheadFrames: lookAhead)
        let reference = Self.stream(gru, features, piece: 40)
        // Frames 0..<16 (two chunks) may read frames up to 16 + 4; changing frame 20 on must not touch them.
        var changed = features
        for i in 20 * 5..<changed.count { changed[i] = -changed[i] }
        let perturbed = Self.stream(gru, changed, piece: 3)
        #expect(perturbed[0..<16 * 4] == reference[0..<16 * 4])
        #expect(perturbed[16 * 4..<40 * 4] != reference[16 * 4..<40 * 4])
        // ... and the chunks come out as soon as their look-ahead is there.
        let live = LatencyControlledBiGRU(network: Self.network, chunkFrames: chunk, lookAheadFrames: lookAhead)
        #expect(live.accept(Array(features[0..<11 * 5])).isEmpty)
        #expect(live.accept(Array(features[11 * 5..<12 * 5])).count == chunk * 4)
        #expect(live.pendingFrames == lookAhead)
    }

    @Test func forwardOnlyStreamsExactlyAndBidirectionalNeedsTheLookAhead() {
        // A forward-only network needs no look-ahead: streaming it is exact at any sizes.
        let forward = AcousticNetwork(
            config: NetworkConfig(inputSize: 5, hiddenSize: 6, numLayers: 2, numClasses: 4, bidirectional: false), seed: 3,
            threads: 1)
        let features = Self.features(33)
        let gru = LatencyControlledBiGRU(network: forward, chunkFrames: 5, lookAheadFrames: 0)
        let streamed = Self.stream(gru, features, piece: 2)
        #expect(worstToleranceExcess(streamed, forward.logProbs(features, frames: 33), atol: 1e-5, rtol: 1e-5) <= 0)
        let bidirectional = LatencyControlledBiGRU(network: Self.network, chunkFrames: 5, lookAheadFrames: 0)
        let cut = Self.stream(bidirectional, features, piece: 2)
        #expect(worstToleranceExcess(cut, Self.network.logProbs(features, frames: 33), atol: 1e-3, rtol: 1e-3) > 0)
    }
}
