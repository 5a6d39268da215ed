import EarshotNN

/// An `AcousticNetwork` run on a stream of feature frames with bounded latency and constant work
/// per chunk: the latency-controlled bidirectional RNN of Zhang et al. (2016, "Highway long
/// short-term memory RNNs for distant speech recognition", LC-BLSTM), for GRUs.
///
/// For each chunk of `chunkFrames` frames, once `lookAheadFrames` more frames have arrived, each
/// layer l runs:
/// - forward over the chunk from the state carried from the previous chunk (the state at the
///   chunk's end is kept), then on over the look-ahead frames without keeping that state;
/// - backward over chunk + look-ahead from a zero state;
/// and the concatenated outputs of all chunk + look-ahead frames feed layer l + 1. Only the chunk
/// frames of the last layer reach the output layer. The look-ahead frames are computed again as
/// part of the next chunk, so every chunk costs (chunk + look-ahead) frames whatever has come
/// before. `finish()` processes what is left with whatever look-ahead there is.
///
/// With a look-ahead at least as long as the utterance this is exactly the offline network.
/// Memory: the carried states and fewer than chunk + look-ahead + one call's frames of input.
public final class LatencyControlledBiGRU {
    public let network: AcousticNetwork
    public let chunkFrames: Int
    public let lookAheadFrames: Int
    /// The first chunk's length (1...chunkFrames); the later chunks have `chunkFrames`.
    public let firstChunkFrames: Int

    /// Input frames `[frames, inputSize]` not yet output (the next chunk and its look-ahead).
    private var pending: [Float] = []
    /// The forward direction's state at the end of the last chunk, per layer (nil: zeros).
    private var forwardStates: [[Float]?]
    /// No chunk has been output since the start of the stream.
    private var atStart = true

    /// `firstChunkFrames` (default: a whole chunk) shifts the chunk grid, e.g. so that chunks
    /// complete exactly when a chunk of audio arrives rather than one audio chunk later.
    public init(network: AcousticNetwork, chunkFrames: Int, lookAheadFrames: Int, firstChunkFrames: Int? = nil) {
        precondition(chunkFrames >= 1 && lookAheadFrames >= 0, "chunk must be ≥ 1 frame, look-ahead ≥ 0")
        precondition((1...chunkFrames).contains(firstChunkFrames ?? chunkFrames), "first chunk must be 1...chunkFrames")
        self.network = network
        self.chunkFrames = chunkFrames
        self.lookAheadFrames = lookAheadFrames
        self.firstChunkFrames = firstChunkFrames ?? chunkFrames
        forwardStates = Array(repeating: nil, count: network.config.numLayers)
    }

    /// The length of the next chunk.
    private var nextChunkFrames: Int { atStart ? firstChunkFrames : chunkFrames }

    /// Frames accepted but not yet output.
    public var pendingFrames: Int { pending.count / network.config.inputSize }

    /// Takes feature frames `[frames, inputSize]` (normalised as the network expects) and returns
    /// the log-probs `[n, classes]` of every chunk that now has its full look-ahead.
    public func accept(_ features: [Float]) -> [Float] {
        precondition(features.count % network.config.inputSize == 0, "features are not rows of \(network.config.inputSize)")
        pending += features
        var output: [Float] = []
        while pendingFrames >= nextChunkFrames + lookAheadFrames {
            output += runChunk(frames: nextChunkFrames, lookAhead: lookAheadFrames)
        }
        return output
    }

    /// The log-probs of the frames still pending, each chunk with the look-ahead that exists;
    /// then starts a new stream (states zeroed).
    public func finish() -> [Float] {
        var output: [Float] = []
        while pendingFrames > 0 {
            let frames = min(nextChunkFrames, pendingFrames)
            output += runChunk(frames: frames, lookAhead: min(lookAheadFrames, pendingFrames - frames))
        }
        forwardStates = Array(repeating: nil, count: network.config.numLayers)
        atStart = true
        return output
    }

    /// Runs the first `frames` pending frames with `lookAhead` more, drops them from `pending`,
    /// and returns their log-probs.
    private func runChunk(frames: Int, lookAhead: Int) -> [Float] {
        let config = network.config
        let (h, directions, total) = (config.hiddenSize, config.directions, frames + lookAhead)
        var input = Array(pending[0..<total * config.inputSize])
        for layer in 0..<config.numLayers {
            let width = config.layerInputSize(layer)
            let chunk = network.runDirection(
                layer: layer, reverse: false, input: Array(input[0..<frames * width]), frames: frames,
                initialState: forwardStates[layer])
            forwardStates[layer] = chunk.finalState
            let ahead = lookAhead == 0 ? [] : network.runDirection(
                layer: layer, reverse: false, input: Array(input[frames * width..<total * width]), frames: lookAhead,
                initialState: chunk.finalState
            ).outputs
            let backward = config.bidirectional
                ? network.runDirection(layer: layer, reverse: true, input: input, frames: total, initialState: nil).outputs
                : []
            // output[t] = [forward_t, backward_t], as the offline stack concatenates directions
            var output = [Float](repeating: 0, count: total * directions * h)
            for t in 0..<total {
                let row = t * directions * h
                if t < frames {
                    output[row..<row + h] = chunk.outputs[t * h..<(t + 1) * h]
                } else {
                    output[row..<row + h] = ahead[(t - frames) * h..<(t - frames + 1) * h]
                }
                if config.bidirectional { output[row + h..<row + 2 * h] = backward[t * h..<(t + 1) * h] }
            }
            input = output
        }
        pending.removeFirst(frames * config.inputSize)
        atStart = false
        return network.outputLayer(Array(input[0..<frames * directions * h]), frames: frames)
    }
}
