import CSoxr

/// Streaming sample-rate conversion with libsoxr at very high quality (`SOXR_VHQ`, 28-bit
/// precision), the setting the golden 16 kHz file was made with. Built once per stream: feed
/// input with `process` in pieces of any size, then call `flush` once at the end; the
/// concatenated output is the same whatever the piece sizes, and holds
/// `round(inputCount · outputRate / inputRate)` samples.
public final class Resampler {
    public let inputRate: Int
    public let outputRate: Int
    /// Names the stream in errors.
    public let label: String
    private let soxr: soxr_t
    /// Output scratch, allocated once; larger inputs take several `soxr_process` calls.
    private let scratch: UnsafeMutableBufferPointer<Float>
    private static let scratchSamples = 16_384

    public init(from inputRate: Int, to outputRate: Int, label: String = "resampler") throws {
        for rate in [inputRate, outputRate] where !AudioReader.supportedRates.contains(rate) {
            throw AudioError.unsupportedSampleRate(label, rate: rate)
        }
        self.inputRate = inputRate
        self.outputRate = outputRate
        self.label = label
        var io = soxr_io_spec(SOXR_FLOAT32_I, SOXR_FLOAT32_I)
        var quality = soxr_quality_spec(UInt(SOXR_VHQ), 0)
        var error: soxr_error_t? = nil
        guard let soxr = soxr_create(Double(inputRate), Double(outputRate), 1, &error, &io, &quality, nil),
            error == nil
        else {
            throw AudioError.resamplerFailed(
                label, reason: error.map { String(cString: $0) } ?? "soxr_create failed")
        }
        self.soxr = soxr
        self.scratch = .allocate(capacity: Self.scratchSamples)
    }

    deinit {
        soxr_delete(soxr)
        scratch.deallocate()
    }

    /// Resamples `input` and appends what soxr releases to `output` (soxr holds back a filter
    /// delay's worth until later input or `flush`).
    public func process(_ input: UnsafeBufferPointer<Float>, into output: inout [Float]) throws {
        var consumed = 0
        while consumed < input.count {
            var used = 0
            let produced = try step(input.baseAddress! + consumed, count: input.count - consumed, used: &used)
            guard used > 0 || produced > 0 else {
                throw AudioError.resamplerFailed(label, reason: "soxr made no progress")
            }
            output.append(contentsOf: scratch[0..<produced])
            consumed += used
        }
    }

    /// Ends the stream: appends soxr's remaining output to `output`.
    public func flush(into output: inout [Float]) throws {
        var used = 0
        while true {
            let produced = try step(nil, count: 0, used: &used)
            if produced == 0 { return }
            output.append(contentsOf: scratch[0..<produced])
        }
    }

    /// Convenience for a whole signal: `process` then `flush`.
    public func resample(_ input: [Float]) throws -> [Float] {
        var output: [Float] = []
        output.reserveCapacity(input.count * outputRate / inputRate + 64)
        try input.withUnsafeBufferPointer { try process($0, into: &output) }
        try flush(into: &output)
        return output
    }

    /// One `soxr_process` call into `scratch`; a nil input with count 0 means end of input.
    private func step(_ input: UnsafePointer<Float>?, count: Int, used: inout Int) throws -> Int {
        var inputDone = 0
        var outputDone = 0
        let error = soxr_process(
            soxr, input, count, &inputDone, scratch.baseAddress, scratch.count, &outputDone)
        if let error { throw AudioError.resamplerFailed(label, reason: String(cString: error)) }
        // Float audio far outside [-1, 1] (a corrupt float file; found by FuzzSoundFile) can
        // overflow the filter to ±Inf.
        if scratch[0..<outputDone].contains(where: { !$0.isFinite }) {
            throw AudioError.resamplerFailed(label, reason: "samples too large to resample (float audio belongs in [-1, 1])")
        }
        used = inputDone
        return outputDone
    }
}
