/// `SpeechExtent.frameLevels` of a stream: the level in dB of each feature frame's samples,
/// returned as soon as the frame's samples have all arrived, equal to the offline levels of the
/// whole signal. Keeps only the samples from the next frame's start on.
struct StreamingFrameLevels {
    let timing: FrameTiming
    /// Samples `bufferStart ..< received` of the stream.
    private var buffer: [Float] = []
    private var bufferStart = 0
    private var received = 0
    private var nextFrame = 0

    init(timing: FrameTiming) { self.timing = timing }

    /// Appends samples; returns the levels of the frames they complete.
    mutating func accept(_ samples: [Float]) -> [Float] {
        buffer += samples
        received += samples.count
        // frame t is complete when offset + t · shift + length ≤ received
        let available = received - timing.offset - timing.length
        return levels(upTo: available < 0 ? 0 : available / timing.shift + 1)
    }

    /// The levels of the frames up to `frames` (the stream's frame count), cut at its end; then
    /// starts a new stream.
    mutating func finish(frames: Int) -> [Float] {
        let rest = levels(upTo: frames)
        self = StreamingFrameLevels(timing: timing)
        return rest
    }

    private mutating func levels(upTo end: Int) -> [Float] {
        guard end > nextFrame else { return [] }
        var local = timing  // the same frames, counted from `nextFrame` and from the buffer's start
        local.offset = timing.offset + nextFrame * timing.shift - bufferStart
        let levels = SpeechExtent.frameLevels(buffer, timing: local, frames: end - nextFrame)
        nextFrame = end
        let stale = min(buffer.count, max(0, timing.offset + nextFrame * timing.shift) - bufferStart)
        if stale > 0 && stale * 2 >= buffer.count {  // compact when half is stale: O(1) per sample
            buffer.removeFirst(stale)
            bufferStart += stale
        }
        return levels
    }
}
