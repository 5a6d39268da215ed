import Testing

@testable import EarshotFeatures

/// `FrameExtractionOptions.frameCount(sampleCount:flush:)`, `frameStart` and `minimumSampleCount`
/// against counting frames one by one from their definitions.
@Suite struct FrameArithmeticTests {
    /// (rate, length ms, shift ms): Kaldi's 25/10 at 8 and 16 kHz, odd sizes, a frame shorter than its shift.
    static let framings: [(Float, Float, Float)] = [(8000, 25, 10), (16000, 25, 10), (1000, 7, 3), (1000, 3, 5), (1000, 2, 2)]

    private func options(_ framing: (Float, Float, Float), snipEdges: Bool) -> FrameExtractionOptions {
        var options = FrameExtractionOptions()
        (options.sampleFrequency, options.frameLengthMs, options.frameShiftMs) = framing
        options.snipEdges = snipEdges
        return options
    }

    @Test(arguments: [true, false])
    func countsEqualABruteForceCount(snipEdges: Bool) {
        for framing in Self.framings {
            let o = options(framing, snipEdges: snipEdges)
            let (length, shift) = (o.frameLength, o.frameShift)
            for n in 0...(3 * length + 5 * shift) {
                // At the end: with snip-edges the frames that fit; without, one frame per hop
                // [t·S, (t + 1)·S) of which at least half, ⌈S/2⌉ samples, lies in the signal.
                let atEnd = (0..<(n + length)).filter { t in
                    snipEdges ? o.frameStart(t) + length <= n : t * shift + (shift - shift / 2) <= n
                }.count
                // Mid-stream: of those, the ones whose samples have all arrived.
                let complete = (0..<atEnd).filter { o.frameStart($0) + length <= n }.count
                #expect(o.frameCount(sampleCount: n) == atEnd, "\(framing) n \(n)")
                #expect(o.frameCount(sampleCount: n, flush: true) == atEnd)
                #expect(o.frameCount(sampleCount: n, flush: false) == complete, "\(framing) n \(n) mid-stream")
            }
            // The frames complete mid-stream are a prefix that never runs ahead of the end's count,
            // and the count never falls as samples come.
            let counts = (0...(4 * length)).map { o.frameCount(sampleCount: $0, flush: false) }
            #expect(zip(counts, counts.dropFirst()).allSatisfy { $0 <= $1 })
        }
    }

    @Test(arguments: [true, false])
    func framesStartOnTheirGrid(snipEdges: Bool) {
        let o = options((8000, 25, 10), snipEdges: snipEdges)
        #expect(o.frameStart(0) == (snipEdges ? 0 : 40 - 100))
        #expect(o.frameStart(3) - o.frameStart(2) == 80)
        // without snip-edges frame t is centred on t·S + S/2 (up to the rounding of L/2)
        if !snipEdges { #expect(o.frameStart(5) + o.frameLength / 2 == 5 * 80 + 40) }
    }

    @Test(arguments: [true, false])
    func minimumSampleCountIsTheFirstWithAFrame(snipEdges: Bool) {
        for framing in Self.framings {
            let o = options(framing, snipEdges: snipEdges)
            let first = (0...).first { o.frameCount(sampleCount: $0) > 0 }
            #expect(o.minimumSampleCount == first, "\(framing)")
        }
    }

    @Test func frameShiftSeconds() {
        #expect(options((8000, 25, 10), snipEdges: true).frameShiftSeconds == 0.01)
        #expect(options((16000, 25, 10), snipEdges: true).frameShiftSeconds == 0.01)
    }
}
