import Foundation

/// Adam (Kingma & Ba 2015) with PyTorch's semantics and defaults: optional L2 weight decay added
/// to the gradient, bias-corrected moments, eps added after the square root. Works on the flat
/// parameter buffer (`AcousticNetwork.parameterValues`) and a gradient of the same layout.
/// Its state can be saved and resumed exactly: `Codable`, or as flat moments (`init(…stepCount:…)`).
public struct Adam: Codable, Sendable, Equatable {
    /// The learning rate; settable between steps for warm-up and decay.
    public var learningRate: Float
    public var beta1: Float
    public var beta2: Float
    public var epsilon: Float
    public var weightDecay: Float
    /// Steps taken so far, and the first and second moment estimates (empty before the first step).
    public private(set) var stepCount: Int = 0
    public private(set) var firstMoment: [Float] = []
    public private(set) var secondMoment: [Float] = []

    public init(learningRate: Float = 1e-3, beta1: Float = 0.9, beta2: Float = 0.999, epsilon: Float = 1e-8, weightDecay: Float = 0) {
        self.learningRate = learningRate
        self.beta1 = beta1
        self.beta2 = beta2
        self.epsilon = epsilon
        self.weightDecay = weightDecay
    }

    /// An optimiser resumed from saved state (e.g. a checkpoint's tensors): `stepCount` steps taken,
    /// with these moments (empty before the first step). Nil if the state is inconsistent.
    public init?(
        learningRate: Float, beta1: Float, beta2: Float, epsilon: Float, weightDecay: Float,
        stepCount: Int, firstMoment: [Float], secondMoment: [Float]
    ) {
        guard stepCount >= 0, firstMoment.count == secondMoment.count, stepCount > 0 || firstMoment.isEmpty else { return nil }
        self.init(learningRate: learningRate, beta1: beta1, beta2: beta2, epsilon: epsilon, weightDecay: weightDecay)
        self.stepCount = stepCount
        self.firstMoment = firstMoment
        self.secondMoment = secondMoment
    }

    /// One update of `parameters` with `gradients` (same count on every call).
    public mutating func step(_ parameters: inout [Float], gradients: [Float]) {
        precondition(parameters.count == gradients.count, "\(parameters.count) parameters, \(gradients.count) gradients")
        if firstMoment.isEmpty {
            firstMoment = [Float](repeating: 0, count: parameters.count)
            secondMoment = firstMoment
        }
        precondition(firstMoment.count == parameters.count, "the optimiser was made for \(firstMoment.count) parameters")
        stepCount += 1
        let correction1 = 1 - pow(beta1, Float(stepCount))
        let correction2Root = (1 - pow(beta2, Float(stepCount))).squareRoot()
        let stepSize = learningRate / correction1
        let (b1, b2, eps, decay) = (beta1, beta2, epsilon, weightDecay)
        parameters.withUnsafeMutableBufferPointer { p in
            firstMoment.withUnsafeMutableBufferPointer { m in
                secondMoment.withUnsafeMutableBufferPointer { v in
                    gradients.withUnsafeBufferPointer { g in
                        for i in 0..<p.count {
                            // g ← g + λθ;  m ← β1 m + (1 − β1) g;  v ← β2 v + (1 − β2) g²
                            let grad = g[i] + decay * p[i]
                            m[i] = b1 * m[i] + (1 - b1) * grad
                            v[i] = b2 * v[i] + (1 - b2) * grad * grad
                            // θ ← θ − lr/(1 − β1ᵗ) · m / (√v / √(1 − β2ᵗ) + ε)
                            p[i] -= stepSize * m[i] / (v[i].squareRoot() / correction2Root + eps)
                        }
                    }
                }
            }
        }
    }
}

/// Scales `gradients` so their global L2 norm is at most `maxNorm`, as PyTorch's
/// `clip_grad_norm_` does (factor maxNorm / (norm + 1e-6), capped at 1); returns the norm before.
@discardableResult
public func clipGradientNorm(_ gradients: inout [Float], maxNorm: Float) -> Float {
    // ‖g‖ = √Σ g², accumulated in Double
    let norm = Float(gradients.reduce(0.0) { $0 + Double($1) * Double($1) }.squareRoot())
    let factor = maxNorm / (norm + 1e-6)
    if factor < 1 {
        for i in gradients.indices { gradients[i] *= factor }
    }
    return norm
}
