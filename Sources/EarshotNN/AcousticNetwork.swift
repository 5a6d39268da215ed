import Foundation

/// The acoustic model: a GRU stack (bidirectional by default) → `fc` Linear → log-softmax,
/// on time-major tensors: features `[T, B, D]` in, log-probs `[T, B, C]` out.
///
/// Thread safety: `logProbs`, `forward`, `backward`, `runDirection` and `outputLayer` only read
/// the instance (every buffer they use is allocated per call), so any number of threads may call
/// them at once on one network; changing `parameterValues` or `threads` must not overlap them.
public final class AcousticNetwork: @unchecked Sendable {
    public let config: NetworkConfig
    public let layout: ParameterLayout
    /// Every parameter, flat, in PyTorch's state-dict order (see `ParameterLayout`); the
    /// optimiser updates it in place.
    public var parameterValues: [Float] {
        didSet { precondition(parameterValues.count == layout.count, "parameter count changed") }
    }
    /// How many threads one call may use (the two directions of a layer run in parallel when ≥ 2).
    public var threads: Int

    /// PyTorch's initialisation from `seed`: every GRU tensor U(−1/√H, 1/√H), `fc.weight` and
    /// `fc.bias` U(−1/√fan_in, 1/√fan_in), drawn in state-dict order.
    public init(config: NetworkConfig, seed: UInt64, threads: Int = 2) {
        self.config = config
        self.layout = ParameterLayout(config: config)
        self.threads = threads
        var rng = SplitMix64(seed: seed)
        var values = [Float](repeating: 0, count: layout.count)
        let fcIndex = layout.fcIndex
        for index in layout.names.indices {
            let fanIn = index >= fcIndex ? config.directions * config.hiddenSize : config.hiddenSize
            let bound = 1 / Float(fanIn).squareRoot()
            for i in layout.range(index) { values[i] = (2 * rng.nextUnitFloat() - 1) * bound }
        }
        self.parameterValues = values
    }

    /// A network from named tensors (e.g. a model file): every name of `parameterShapes(config)`
    /// present, no other, shapes exact, values finite.
    public init(config: NetworkConfig, parameters: [String: Tensor], threads: Int = 2) throws {
        self.config = config
        self.layout = ParameterLayout(config: config)
        self.threads = threads
        self.parameterValues = try Self.flatten(parameters, layout: layout)
    }

    /// The parameters' names and shapes, in state-dict order.
    public static func parameterShapes(_ config: NetworkConfig) -> [(name: String, shape: [Int])] {
        let layout = ParameterLayout(config: config)
        return Array(zip(layout.names, layout.shapes))
    }

    /// The parameters as named tensors, in state-dict order.
    public var parameters: [(name: String, tensor: Tensor)] { layout.tensors(parameterValues) }

    private static func flatten(_ parameters: [String: Tensor], layout: ParameterLayout) throws -> [Float] {
        if let extra = parameters.keys.sorted().first(where: { !layout.names.contains($0) }) {
            throw NetworkError.unexpectedParameter(extra)
        }
        var values: [Float] = []
        values.reserveCapacity(layout.count)
        for (name, shape) in zip(layout.names, layout.shapes) {
            guard let tensor = parameters[name] else { throw NetworkError.missingParameter(name) }
            guard tensor.shape == shape else {
                throw NetworkError.shapeMismatch(name: name, expected: shape, actual: tensor.shape)
            }
            if let bad = tensor.data.firstIndex(where: { !$0.isFinite }) {
                throw NetworkError.nonFinite(name: name, index: bad)
            }
            values += tensor.data
        }
        return values
    }

    // MARK: Inference

    /// Log-probs `[T, C]` of one utterance's `features [T, D]` (row-major).
    public func logProbs(_ features: [Float], frames: Int) -> [Float] {
        precondition(features.count == frames * config.inputSize, "features are not [\(frames), \(config.inputSize)]")
        let hidden = encode(Tensor(shape: [frames, 1, config.inputSize], data: features), lengths: [frames])
        return outputLayer(hidden.data, frames: frames)
    }

    /// The last GRU layer's output `[T, B, dirs·H]` for a padded batch `[T, B, D]` (inference: no
    /// dropout, nothing kept); rows of padded steps are 0.
    public func encode(_ batch: Tensor, lengths: [Int]) -> Tensor {
        let run = checkedRun(batch, lengths: lengths)
        var rng = SplitMix64(seed: 0)  // unused: no dropout outside training
        let hidden = parameterValues.withUnsafeBufferPointer { p in
            GRUStack.forward(
                input: batch.data, run: run, parameters: p.baseAddress!, layout: layout, threads: threads, keep: false,
                training: false, rng: &rng
            ).output
        }
        return Tensor(shape: [run.steps, run.batch, config.directions * config.hiddenSize], data: hidden)
    }

    /// One direction of one GRU layer over one utterance, from `initialState [H]` (zeros when nil):
    /// `input [T, D_layer]` → `outputs [T, H]` and the state after the last step processed
    /// (t = T−1 forward, t = 0 reverse). A streaming recognizer carries the forward state across
    /// chunks and runs the reverse direction over each chunk plus its look-ahead.
    public func runDirection(layer: Int, reverse: Bool, input: [Float], frames: Int, initialState: [Float]?)
        -> (outputs: [Float], finalState: [Float])
    {
        let (h, d) = (config.hiddenSize, config.layerInputSize(layer))
        precondition(input.count == frames * d, "input is not [\(frames), \(d)]")
        precondition(!reverse || config.bidirectional, "the network has no reverse direction")
        var outputs = [Float](overwrittenCount: frames * h)
        var state = initialState ?? [Float](repeating: 0, count: h)
        precondition(state.count == h, "initial state is not [\(h)]")
        let cache = GRU.Cache(rows: frames, hiddenSize: h, keep: false)
        parameterValues.withUnsafeBufferPointer { p in
            GRU.forward(
                output: &outputs, outputStride: h, state: &state, cache: cache, input: input,
                weights: GRU.Weights(p.baseAddress!, layout: layout, layer: layer, direction: reverse ? 1 : 0),
                run: GRU.Run(steps: frames, batch: 1, lengths: [frames], reverse: reverse))
        }
        return (outputs, state)
    }

    /// Linear + log-softmax of the last GRU layer's output `hidden [T, dirs·H]` → log-probs `[T, C]`.
    public func outputLayer(_ hidden: [Float], frames: Int) -> [Float] {
        let (width, classes) = (config.directions * config.hiddenSize, config.numClasses)
        precondition(hidden.count == frames * width, "hidden is not [\(frames), \(width)]")
        var output = [Float](overwrittenCount: frames * classes)
        parameterValues.withUnsafeBufferPointer { p in
            output.withUnsafeMutableBufferPointer { y in
                let fc = layout.fcIndex
                Linear.forward(
                    output: y.baseAddress!, input: hidden, weight: p.baseAddress! + layout.offsets[fc],
                    bias: p.baseAddress! + layout.offsets[fc + 1], rows: frames, inputSize: width, outputSize: classes)
                LogSoftmax.forward(output: y.baseAddress!, input: y.baseAddress!, rows: frames, classes: classes)
            }
        }
        return output
    }

    // MARK: Training

    /// Forward of a padded batch `[T, B, D]` whose sequence b is valid for t < lengths[b]; keeps
    /// what `backward` needs. Dropout (between GRU layers) only when `training`, drawn from `rng`.
    public func forward(_ batch: Tensor, lengths: [Int], training: Bool, rng: inout some RandomNumberGenerator)
        -> ForwardPass
    {
        let run = checkedRun(batch, lengths: lengths)
        let (steps, size) = (run.steps, run.batch)
        let (hidden, _, layers) = parameterValues.withUnsafeBufferPointer { p in
            GRUStack.forward(
                input: batch.data, run: run, parameters: p.baseAddress!, layout: layout, threads: threads,
                keep: true, training: training, rng: &rng)
        }
        let logProbs = Tensor(shape: [steps, size, config.numClasses], data: outputLayer(hidden, frames: steps * size))
        return ForwardPass(logProbs: logProbs, lengths: lengths, run: run, hidden: hidden, layers: layers)
    }

    private func checkedRun(_ batch: Tensor, lengths: [Int]) -> GRU.Run {
        precondition(batch.shape.count == 3 && batch.shape[2] == config.inputSize, "batch is not [T, B, \(config.inputSize)]")
        let (steps, size) = (batch.shape[0], batch.shape[1])
        precondition(lengths.count == size && lengths.allSatisfy { 0...steps ~= $0 }, "lengths do not fit the batch")
        return GRU.Run(steps: steps, batch: size, lengths: lengths, reverse: false)
    }

    /// Backward from dL/d(logits) `[T, B, C]` (the gradient *before* log-softmax, e.g.
    /// `CTCLoss.Output.gradLogits`; it should be 0 at padded steps). Returns the gradient of every
    /// parameter (same layout as `parameterValues`) and of the input batch.
    public func backward(_ pass: ForwardPass, gradLogits: Tensor) -> Gradients {
        precondition(gradLogits.shape == pass.logProbs.shape, "gradLogits shape \(gradLogits.shape) vs \(pass.logProbs.shape)")
        let (rows, width, classes) = (pass.run.steps * pass.run.batch, config.directions * config.hiddenSize, config.numClasses)
        var gradients = [Float](repeating: 0, count: layout.count)
        var gradHidden = [Float](overwrittenCount: rows * width)
        let gradInput = parameterValues.withUnsafeBufferPointer { p in
            gradients.withUnsafeMutableBufferPointer { g in
                let (p, g, fc) = (p.baseAddress!, g.baseAddress!, layout.fcIndex)
                Linear.backward(
                    gradOutput: gradLogits.data, input: pass.hidden, weight: p + layout.offsets[fc], rows: rows,
                    inputSize: width, outputSize: classes, gradInput: &gradHidden,
                    gradWeight: g + layout.offsets[fc], gradBias: g + layout.offsets[fc + 1])
                return GRUStack.backward(
                    gradOutput: gradHidden, layers: pass.layers, run: pass.run, parameters: p, layout: layout,
                    threads: threads, gradients: g)
            }
        }
        return Gradients(
            layout: layout, values: gradients,
            input: Tensor(shape: [pass.run.steps, pass.run.batch, config.inputSize], data: gradInput))
    }
}

/// What `AcousticNetwork.forward` keeps for `backward`: the log-probs `[T, B, C]`, the lengths,
/// the last GRU layer's output (`hidden [T, B, dirs·H]`, the Linear's input) and each layer's cache.
public struct ForwardPass: Sendable {
    public let logProbs: Tensor
    public let lengths: [Int]
    let run: GRU.Run
    let hidden: [Float]
    let layers: [GRUStack.LayerCache]
}

/// Parameter gradients, flat in the network's `ParameterLayout`, and the input gradient `[T, B, D]`.
public struct Gradients: Sendable {
    public let layout: ParameterLayout
    public var values: [Float]
    public var input: Tensor

    /// The gradients as named tensors, in state-dict order.
    public var parameters: [(name: String, tensor: Tensor)] { layout.tensors(values) }

    /// The gradient of the parameter called `name`.
    public subscript(name: String) -> Tensor? {
        guard let index = layout.names.firstIndex(of: name) else { return nil }
        return Tensor(shape: layout.shapes[index], data: Array(values[layout.range(index)]))
    }
}

/// Why a set of named tensors cannot be a network's parameters.
public enum NetworkError: Error, CustomStringConvertible, Equatable {
    case missingParameter(String)
    case unexpectedParameter(String)
    case shapeMismatch(name: String, expected: [Int], actual: [Int])
    case nonFinite(name: String, index: Int)

    public var description: String {
        switch self {
        case .missingParameter(let name): "parameter \(name) is missing"
        case .unexpectedParameter(let name): "parameter \(name) is not part of this network"
        case .shapeMismatch(let name, let expected, let actual): "parameter \(name) has shape \(actual), expected \(expected)"
        case .nonFinite(let name, let index): "parameter \(name) has a non-finite value at index \(index)"
        }
    }
}
