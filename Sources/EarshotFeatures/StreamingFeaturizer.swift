/// Features of audio that arrives in chunks, equal to the offline `Featurizer`'s on the whole
/// signal (the same per-frame code, so bit-identical).
///
/// Contract (as Kaldi's `OnlineFeature`):
/// - `accept(_:)` takes the next chunk, of any size (empty too), and returns the frames that
///   became complete: frame t is returned as soon as every sample it reads has arrived. With
///   `snipEdges` off, the first frames read samples reflected around the start, which are
///   already known; the last frames read samples reflected around the end, which is only known
///   at `finish()`.
/// - `finish()` returns the remaining frames (none with `snipEdges`; with it off, the frames
///   whose window reaches past the end) and resets the featurizer for the next utterance.
/// - The frames of all `accept` calls and `finish`, concatenated, equal
///   `Featurizer.compute` on the concatenated chunks.
/// - Memory is bounded: only the samples still needed by future frames (about two frame
///   lengths plus the last chunk) are kept.
/// - `accept(_:levels:)` and `finish(levels:)` also give each returned frame's level
///   (`FrameExtractionOptions.frameLevels`, equal to the offline levels), so a stream has one
///   sample-to-frame pipeline for features, endpointing and word times.
/// - Which frames are complete is `FrameExtractionOptions.frameCount(sampleCount:flush:)`.
///
/// One instance per stream and per thread.
public final class StreamingFeaturizer {
    public var options: FeatureOptions { featurizer.options }
    public var dimension: Int { featurizer.dimension }

    private let featurizer: Featurizer
    private let frameOptions: FrameExtractionOptions
    /// Samples `bufferStart ..< received` of the stream.
    private var buffer: [Float] = []
    private var bufferStart = 0
    private var received = 0
    /// Index of the next frame to return.
    private var nextFrame = 0

    public init(_ options: FeatureOptions) throws(FeatureOptionsError) {
        featurizer = try Featurizer(options)
        frameOptions = options.frameOptions
    }

    /// Samples currently held (bounded; the tests check the bound).
    var bufferedSampleCount: Int { buffer.count }

    /// Appends `samples` (in [-1, 1]) and returns the frames that became complete.
    public func accept(_ samples: [Float]) -> FeatureMatrix {
        var unused: [Float] = []
        return accept(samples, levels: &unused, measuring: false)
    }

    /// `accept(_:)`, also appending the returned frames' levels in dB to `levels`.
    public func accept(_ samples: [Float], levels: inout [Float]) -> FeatureMatrix {
        accept(samples, levels: &levels, measuring: true)
    }

    /// Returns the frames not yet returned, now that the signal's end is known, and starts a
    /// new utterance.
    public func finish() -> FeatureMatrix {
        var unused: [Float] = []
        return finish(levels: &unused, measuring: false)
    }

    /// `finish()`, also appending the returned frames' levels in dB to `levels`.
    public func finish(levels: inout [Float]) -> FeatureMatrix {
        finish(levels: &levels, measuring: true)
    }

    private func accept(_ samples: [Float], levels: inout [Float], measuring: Bool) -> FeatureMatrix {
        buffer.append(contentsOf: samples)
        received += samples.count
        let complete = frameOptions.frameCount(sampleCount: received, flush: false)
        let output = frames(upTo: complete, sampleCount: received, levels: &levels, measuring: measuring)
        dropUnneededSamples()
        return output
    }

    private func finish(levels: inout [Float], measuring: Bool) -> FeatureMatrix {
        let output = frames(
            upTo: frameOptions.frameCount(sampleCount: received), sampleCount: received, levels: &levels,
            measuring: measuring)
        buffer.removeAll(keepingCapacity: true)
        (bufferStart, received, nextFrame) = (0, 0, 0)
        return output
    }

    /// Frames `nextFrame ..< end` of a signal of `sampleCount` samples, and with `measuring` their levels.
    private func frames(upTo end: Int, sampleCount: Int, levels: inout [Float], measuring: Bool) -> FeatureMatrix {
        guard end > nextFrame else { return FeatureMatrix(dims: dimension) }
        let range = nextFrame..<end
        var values = [Float](repeating: 0, count: range.count * dimension)
        buffer.withUnsafeBufferPointer { signal in
            values.withUnsafeMutableBufferPointer { out in
                featurizer.computeFrames(
                    range, signal: signal, signalOffset: bufferStart, sampleCount: sampleCount,
                    into: out.baseAddress!)
            }
            if measuring {
                for t in range {
                    levels.append(
                        frameOptions.level(ofFrame: t, signal: signal, signalOffset: bufferStart, sampleCount: sampleCount))
                }
            }
        }
        nextFrame = end
        return FeatureMatrix(frames: range.count, dims: dimension, values: values)
    }

    /// Forgets samples before start(nextFrame) − L: no future frame reads them, even reflected
    /// at the end (a reflected index is at least start(t) − 1 for every frame that exists).
    private func dropUnneededSamples() {
        let keepFrom = max(0, frameOptions.frameStart(nextFrame) - frameOptions.frameLength)
        let drop = keepFrom - bufferStart
        // Compact only when half the buffer is stale, so 1-sample chunks stay O(1) amortised.
        guard drop > 0, drop * 2 >= buffer.count else { return }
        buffer.removeFirst(drop)
        bufferStart = keepFrom
    }
}
