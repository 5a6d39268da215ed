extension Featurizer {
    /// Runs only the FFT, as many times as `compute` would for `sampleCount` samples, on the
    /// last prepared frame: the cost floor of the front-end, for benchmarks.
    public func transformOnly(sampleCount: Int) {
        for _ in 0..<options.frameOptions.frameCount(sampleCount: sampleCount) { fft.execute() }
    }
}
