/// The GRU layers of an `AcousticNetwork`: layer l reads `[T, B, D_l]` and writes `[T, B, dirs·H]`
/// (forward direction in the first H columns, reverse in the next), which, after dropout in
/// training, is layer l+1's input. The directions of a layer run on up to `threads` threads.
enum GRUStack {
    /// What one layer's forward keeps for its backward: its input `[T, B, D_l]` (after dropout),
    /// the dropout mask that produced it from the layer below's output (`[T, B, D_l]`, values 0 or
    /// 1/(1−p); empty when no dropout was applied) and each direction's `GRU.Cache`.
    struct LayerCache: Sendable {
        var input: [Float]
        var inputMask: [Float]
        var directions: [GRU.Cache]
    }

    /// Runs all layers over `input [T, B, D]`; returns the last layer's output `[T, B, dirs·H]`,
    /// the final states `[L·dirs, B, H]` (PyTorch's `h_n`; the reverse direction's is the state
    /// after t = 0) and, when `keep` is set, each layer's cache for backward. Dropout only when `training`.
    static func forward(
        input: [Float], run: GRU.Run, parameters: UnsafePointer<Float>, layout: ParameterLayout,
        threads: Int, keep: Bool, training: Bool, rng: inout some RandomNumberGenerator
    ) -> (output: [Float], finalStates: [Float], layers: [LayerCache]) {
        let config = layout.config
        let (dirs, h, rows) = (config.directions, config.hiddenSize, run.steps * run.batch)
        var x = input
        var mask: [Float] = []
        var layers: [LayerCache] = []
        var finalStates: [Float] = []
        for layer in 0..<config.numLayers {
            let caches = (0..<dirs).map { _ in GRU.Cache(rows: rows, hiddenSize: h, keep: keep) }
            // output [T, B, dirs·H]; states [dirs, B, H] start at 0
            var output = [Float](overwrittenCount: rows * dirs * h)
            var states = [Float](repeating: 0, count: dirs * run.batch * h)
            x.withUnsafeBufferPointer { x in
                output.withUnsafeMutableBufferPointer { output in
                    states.withUnsafeMutableBufferPointer { states in
                        let (output, states) = (output.baseAddress!, states.baseAddress!)
                        Parallel.forEach(dirs, threads: threads) { direction in
                            var directionRun = run
                            directionRun.reverse = direction == 1
                            GRU.forward(
                                output: output + direction * h, outputStride: dirs * h,
                                state: states + direction * run.batch * h, cache: caches[direction],
                                input: x.baseAddress!,
                                weights: GRU.Weights(parameters, layout: layout, layer: layer, direction: direction),
                                run: directionRun)
                        }
                    }
                }
            }
            finalStates += states
            if keep { layers.append(LayerCache(input: x, inputMask: mask, directions: caches)) }
            x = output
            mask = []
            if training && config.dropout > 0 && layer + 1 < config.numLayers {
                // x ← x ⊙ mask, mask_i = 0 with probability p, else 1/(1 − p)
                let keepScale = 1 / (1 - config.dropout)
                mask = (0..<x.count).map { _ in rng.nextUnitFloat() < config.dropout ? 0 : keepScale }
                for i in x.indices { x[i] *= mask[i] }
            }
        }
        return (x, finalStates, layers)
    }

    /// Backward through all layers, given dL/d(last layer's output) `[T, B, dirs·H]` and the
    /// forward's caches; accumulates parameter gradients into `gradients` (layout `layout`) and
    /// returns dL/d(input) `[T, B, D]`.
    static func backward(
        gradOutput: [Float], layers: [LayerCache], run: GRU.Run, parameters: UnsafePointer<Float>,
        layout: ParameterLayout, threads: Int, gradients: UnsafeMutablePointer<Float>
    ) -> [Float] {
        let config = layout.config
        let (dirs, h, rows) = (config.directions, config.hiddenSize, run.steps * run.batch)
        var gradOut = gradOutput
        for layer in stride(from: config.numLayers - 1, through: 0, by: -1) {
            let cache = layers[layer]
            let d = config.layerInputSize(layer)
            // gradInputs [dirs, T, B, D_l]: each direction's dL/d(input), summed below
            var gradInputs = [Float](overwrittenCount: dirs * rows * d)
            gradOut.withUnsafeBufferPointer { gradOut in
                cache.input.withUnsafeBufferPointer { x in
                    gradInputs.withUnsafeMutableBufferPointer { gradInputs in
                        let gradInputs = gradInputs.baseAddress!
                        Parallel.forEach(dirs, threads: threads) { direction in
                            var directionRun = run
                            directionRun.reverse = direction == 1
                            let gradState = UnsafeMutablePointer<Float>.allocate(capacity: run.batch * h)
                            gradState.initialize(repeating: 0, count: run.batch * h)
                            defer { gradState.deallocate() }
                            let index = layout.gruIndex(layer: layer, direction: direction)
                            GRU.backward(
                                gradOutput: gradOut.baseAddress! + direction * h, outputStride: dirs * h,
                                gradState: gradState, cache: cache.directions[direction], input: x.baseAddress!,
                                weights: GRU.Weights(parameters, layout: layout, layer: layer, direction: direction),
                                run: directionRun, gradInput: gradInputs + direction * rows * d,
                                gradWeights: GRU.WeightGradients(
                                    weightIH: gradients + layout.offsets[index], weightHH: gradients + layout.offsets[index + 1],
                                    biasIH: gradients + layout.offsets[index + 2], biasHH: gradients + layout.offsets[index + 3]))
                        }
                    }
                }
            }
            // dL/dx = Σ_directions dL/dx_direction, then through the dropout mask: ⊙ mask
            var gradInput = Array(gradInputs[0..<(rows * d)])
            for direction in 1..<dirs {
                for i in 0..<(rows * d) { gradInput[i] += gradInputs[direction * rows * d + i] }
            }
            if !cache.inputMask.isEmpty {
                for i in gradInput.indices { gradInput[i] *= cache.inputMask[i] }
            }
            gradOut = gradInput
        }
        return gradOut
    }
}

extension GRU.Weights {
    /// The weights of one layer and direction inside a flat parameter buffer of layout `layout`.
    init(_ parameters: UnsafePointer<Float>, layout: ParameterLayout, layer: Int, direction: Int) {
        let index = layout.gruIndex(layer: layer, direction: direction)
        self.init(
            weightIH: parameters + layout.offsets[index], weightHH: parameters + layout.offsets[index + 1],
            biasIH: parameters + layout.offsets[index + 2], biasHH: parameters + layout.offsets[index + 3],
            inputSize: layout.config.layerInputSize(layer), hiddenSize: layout.config.hiddenSize)
    }
}

extension RandomNumberGenerator {
    /// A uniform Float in [0, 1) from the top 24 bits of one draw.
    public mutating func nextUnitFloat() -> Float { Float(next() >> 40) * 0x1p-24 }
}
