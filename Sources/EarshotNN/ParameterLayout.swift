/// Where each named parameter lives in one flat buffer, in PyTorch's state-dict order:
/// `gru.weight_ih_l0 [3H, D]`, `gru.weight_hh_l0 [3H, H]`, `gru.bias_ih_l0 [3H]`, `gru.bias_hh_l0 [3H]`,
/// the same with `_reverse`, then layer 1, …, then `fc.weight [C, dirs·H]`, `fc.bias [C]`.
/// Parameters and their gradients share this layout, so Adam and clipping run over flat arrays.
public struct ParameterLayout: Sendable, Hashable {
    public let names: [String]
    public let shapes: [[Int]]
    /// `offsets[i]` is where parameter i starts; `count` is the total number of values.
    public let offsets: [Int]
    public let count: Int
    let config: NetworkConfig

    public init(config: NetworkConfig) {
        var entries: [(String, [Int])] = []
        let h = config.hiddenSize
        for layer in 0..<config.numLayers {
            for direction in 0..<config.directions {
                let suffix = "_l\(layer)" + (direction == 1 ? "_reverse" : "")
                entries += [
                    ("gru.weight_ih" + suffix, [3 * h, config.layerInputSize(layer)]),
                    ("gru.weight_hh" + suffix, [3 * h, h]),
                    ("gru.bias_ih" + suffix, [3 * h]),
                    ("gru.bias_hh" + suffix, [3 * h]),
                ]
            }
        }
        entries += [("fc.weight", [config.numClasses, config.directions * h]), ("fc.bias", [config.numClasses])]
        names = entries.map(\.0)
        shapes = entries.map(\.1)
        var offsets: [Int] = []
        var total = 0
        for shape in shapes {
            offsets.append(total)
            total += shape.reduce(1, *)
        }
        self.offsets = offsets
        self.count = total
        self.config = config
    }

    /// The index of GRU layer `layer`, direction `direction`'s `weight_ih` (then +1 `weight_hh`,
    /// +2 `bias_ih`, +3 `bias_hh`).
    func gruIndex(layer: Int, direction: Int) -> Int { (layer * config.directions + direction) * 4 }

    /// The index of `fc.weight` (`fc.bias` follows).
    var fcIndex: Int { config.numLayers * config.directions * 4 }

    /// The values of parameter `index` in `flat`.
    func range(_ index: Int) -> Range<Int> { offsets[index]..<(offsets[index] + shapes[index].reduce(1, *)) }

    /// The named tensors of a flat buffer, in state-dict order.
    func tensors(_ flat: [Float]) -> [(name: String, tensor: Tensor)] {
        names.indices.map { (names[$0], Tensor(shape: shapes[$0], data: Array(flat[range($0)]))) }
    }
}
