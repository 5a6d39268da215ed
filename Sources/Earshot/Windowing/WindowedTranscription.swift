import EarshotAudio
import EarshotFeatures

extension Recognizer {
    /// Seconds of quiet on either side of a cut between two windows (`QuietestStretch` radius).
    static let windowCutMargin = 0.5
    /// Seconds of audio on either side of a window that the network and decoder also see.
    static let windowContext = 3.0

    /// The transcript of `source` (at the model's rate), window by window, with memory bounded by
    /// one window of at most `windowFrames` network frames plus its context, however long the source.
    ///
    /// Features come from a `StreamingFeaturizer`, so every window's frames and levels are exactly
    /// those of the whole file. A window ends in the middle of the quietest second of its second
    /// half (`QuietestStretch`). The network and the decoder run on the window with
    /// `windowContext` seconds of audio on either side, so the GRU states at its edges and the
    /// speech around its first and last words are close to a whole-file pass's; of the words
    /// decoded, the window keeps those the network emitted inside it (by their CTC emission, not
    /// their widened times), moved to file time (docs/transcription.md gives the measured agreement
    /// with the whole-file pass). With per-utterance CMVN each window is normalised by its own
    /// statistics. `each` receives every window's features (before CMVN) and
    /// log-probs without the context, in order, so together they are the whole file's frames. With
    /// frame stacking, windows and context are whole numbers of stacked frames, so every window's
    /// network frames are those of the whole file too.
    /// Returns the transcript (no alternatives: n-best lists do not combine across windows) and
    /// the number of samples read.
    func transcribeInWindows(
        _ source: any AudioSource, windowFrames: Int,
        each: (_ features: FeatureMatrix, _ logProbs: LogProbMatrix) -> Void = { _, _ in }
    ) throws -> (transcript: Transcript, samples: Int) {
        precondition(windowFrames >= 2, "a window of \(windowFrames) frames")
        let featurizer = try StreamingFeaturizer(model.config.features)
        let timing = decoder.timing
        // feature frames: windows, context and cuts are multiples of k, the frames per network frame
        let k = timing.stacking, stacking = model.config.stacking
        let (radius, context) = (k * timing.frames(seconds: Self.windowCutMargin), k * timing.frames(seconds: Self.windowContext))
        let windowLength = k * windowFrames
        // `pending` holds file frames `first...`: the left context, then the window from `windowStart`.
        var pending = FeatureMatrix(dims: featurizer.dimension)
        var levels: [Float] = []
        var (first, windowStart, samples) = (0, 0, 0)
        var words: [WordTiming] = []

        /// Decodes the window `windowStart..<end` of `pending` with the context around it, keeps
        /// its words, and drops what the next window's left context does not need.
        func decodeWindow(end: Int, isLast: Bool) {
            let inputEnd = min(pending.frames, end + context)
            let input = pending.rows(0..<inputEnd)
            let inputLevels = stacking.apply(toLevels: Array(levels[..<inputEnd]))
            let logProbs = self.logProbs(input, levels: inputLevels)
            each(input.rows(windowStart..<end), logProbs.rows(windowStart / k..<stacking.stackedCount(end)))
            let (decoded, emissions) = decoder.decodeWithEmissions(logProbs, frameLevels: inputLevels)
            let inside = windowStart / k..<(isLast ? Int.max : end / k)
            words += zip(decoded.shifted(by: timing.duration(frames: first / k)).words, emissions)
                .filter { inside.contains($0.1) }.map(\.0)
            let drop = max(0, end - context)
            pending = pending.rows(drop..<pending.frames)
            levels.removeFirst(drop)
            (first, windowStart) = (first + drop, end - drop)
        }
        /// Cuts windows while more than a window (and, unless `final`, its right context) is held.
        func decodeFullWindows(final: Bool) {
            while pending.frames - windowStart > windowLength + (final ? 0 : context) {
                let candidates = windowStart + windowLength / 2..<windowStart + windowLength
                let cut = QuietestStretch.centre(of: levels, in: candidates, radius: radius)
                decodeWindow(end: cut - cut % k, isLast: false)
            }
        }

        while let chunk = try source.read(maxSamples: source.sampleRate) {
            samples += chunk.count
            pending.append(featurizer.accept(chunk, levels: &levels))
            decodeFullWindows(final: false)
        }
        pending.append(featurizer.finish(levels: &levels))
        decodeFullWindows(final: true)
        if pending.frames > windowStart { decodeWindow(end: pending.frames, isLast: true) }
        return (Transcript(text: words.map(\.word).joined(separator: " "), words: words, alternatives: []), samples)
    }
}
