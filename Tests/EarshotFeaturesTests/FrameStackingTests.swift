import EarshotFeatures
import Testing

@Suite struct FrameStackingTests {
    /// 5 frames of 2 values, row t = [10t, 10t + 1].
    static let features = FeatureMatrix(frames: 5, dims: 2, values: (0..<5).flatMap { [Float(10 * $0), Float(10 * $0 + 1)] })

    @Test func runsOfKFramesBecomeOneRowAndTheLastRunIsPaddedWithItsLastFrame() {
        let stacked = FrameStacking(factor: 2).apply(to: Self.features)
        #expect(stacked.frames == 3 && stacked.dims == 4)
        #expect(stacked.values == [0, 1, 10, 11, 20, 21, 30, 31, 40, 41, 40, 41])
        let three = FrameStacking(factor: 3).apply(to: Self.features)
        #expect(three.frames == 2 && three.values == [0, 1, 10, 11, 20, 21, 30, 31, 40, 41, 40, 41])
        #expect(FrameStacking(factor: 1).apply(to: Self.features) == Self.features)
        #expect(FrameStacking(factor: 5).apply(to: Self.features).frames == 1)
    }

    @Test func aStackedFrameIsAsLoudAsItsLoudestFrame() {
        #expect(FrameStacking(factor: 2).apply(toLevels: [-60, -20, -30, -50, -10]) == [-20, -30, -10])
        #expect(FrameStacking(factor: 3).apply(toLevels: [-60, -20, -30, -50]) == [-20, -50])
        #expect(FrameStacking(factor: 2).apply(toLevels: []).isEmpty)
    }

    /// Frames fed in pieces of any size give the rows and levels of the whole at once.
    @Test(arguments: [1, 2, 3])
    func aStackerFedInPiecesGivesTheWholeMatrixStacked(factor: Int) {
        let frames = 11
        let features = FeatureMatrix(frames: frames, dims: 3, values: (0..<(frames * 3)).map(Float.init))
        let levels = (0..<frames).map { Float(($0 * 7) % 5) }
        let stacking = FrameStacking(factor: factor)
        for pieces in [[11], [1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1], [4, 0, 5, 2], [2, 9]] {
            var stacker = FrameStacker(stacking, dims: 3)
            var (values, stackedLevels, start) = ([Float](), [Float](), 0)
            for count in pieces {
                let out = stacker.accept(features.rows(start..<start + count), levels: Array(levels[start..<start + count]))
                #expect(out.features.frames == out.levels.count && out.features.dims == 3 * factor)
                (values, stackedLevels, start) = (values + out.features.values, stackedLevels + out.levels, start + count)
            }
            let last = stacker.finish()
            values += last.features.values
            stackedLevels += last.levels
            #expect(values == stacking.apply(to: features).values, "pieces \(pieces)")
            #expect(stackedLevels == stacking.apply(toLevels: levels))
            #expect(stacker.finish().features.frames == 0)
        }
    }
}
