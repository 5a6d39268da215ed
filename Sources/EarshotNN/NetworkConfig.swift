/// The shape of an `AcousticNetwork`: a GRU stack (bidirectional by default) of `numLayers`
/// layers of `hiddenSize` units per direction over `inputSize` features, then a Linear layer to
/// `numClasses` outputs (class 0 is the CTC blank). `dropout` is applied to the outputs of every
/// GRU layer but the last, in training only, as PyTorch's `nn.GRU(dropout:)` does.
public struct NetworkConfig: Codable, Sendable, Hashable {
    public var inputSize: Int
    public var hiddenSize: Int
    public var numLayers: Int
    public var numClasses: Int
    public var bidirectional: Bool
    public var dropout: Float

    public init(
        inputSize: Int, hiddenSize: Int, numLayers: Int, numClasses: Int, bidirectional: Bool = true,
        dropout: Float = 0
    ) {
        self.inputSize = inputSize
        self.hiddenSize = hiddenSize
        self.numLayers = numLayers
        self.numClasses = numClasses
        self.bidirectional = bidirectional
        self.dropout = dropout
    }

    /// `bidirectional` and `dropout` may be absent (defaults true and 0).
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            inputSize: try c.decode(Int.self, forKey: .inputSize),
            hiddenSize: try c.decode(Int.self, forKey: .hiddenSize),
            numLayers: try c.decode(Int.self, forKey: .numLayers),
            numClasses: try c.decode(Int.self, forKey: .numClasses),
            bidirectional: try c.decodeIfPresent(Bool.self, forKey: .bidirectional) ?? true,
            dropout: try c.decodeIfPresent(Float.self, forKey: .dropout) ?? 0)
    }

    /// 2 when bidirectional, else 1.
    public var directions: Int { bidirectional ? 2 : 1 }

    /// The input size of GRU layer `layer`: the features for layer 0, the concatenated directions above.
    public func layerInputSize(_ layer: Int) -> Int { layer == 0 ? inputSize : directions * hiddenSize }
}
