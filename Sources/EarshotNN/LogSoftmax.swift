import Foundation

/// Row-wise log-softmax over the last dimension: y_c = x_c − log Σ_k exp(x_k).
public enum LogSoftmax {
    /// `output [rows, classes]` from `input [rows, classes]` (may be the same buffer). Backward
    /// needs only `output`.
    static func forward(output: UnsafeMutablePointer<Float>, input: UnsafePointer<Float>, rows: Int, classes: Int) {
        for r in 0..<rows {
            let (x, y) = (input + r * classes, output + r * classes)
            var top = -Float.infinity
            for c in 0..<classes { top = max(top, x[c]) }
            var sum: Float = 0
            for c in 0..<classes { sum += expf(x[c] - top) }
            // y_c = x_c − max − log Σ exp(x_k − max)
            let shift = top + logf(sum)
            for c in 0..<classes { y[c] = x[c] - shift }
        }
    }

    /// dx_c = dy_c − softmax_c Σ_k dy_k, with softmax = exp(output). `gradInput` may alias `gradOutput`.
    static func backward(
        gradOutput: UnsafePointer<Float>, output: UnsafePointer<Float>, rows: Int, classes: Int,
        gradInput: UnsafeMutablePointer<Float>
    ) {
        for r in 0..<rows {
            let (dy, y, dx) = (gradOutput + r * classes, output + r * classes, gradInput + r * classes)
            var total: Float = 0
            for c in 0..<classes { total += dy[c] }
            for c in 0..<classes { dx[c] = dy[c] - expf(y[c]) * total }
        }
    }

    /// Log-softmax over the last dimension of `logits`.
    public static func forward(_ logits: Tensor) -> Tensor {
        var result = logits
        let classes = logits.shape.last ?? 1
        result.data.withUnsafeMutableBufferPointer { y in
            forward(output: y.baseAddress!, input: y.baseAddress!, rows: logits.count / classes, classes: classes)
        }
        return result
    }

    /// The gradient with respect to the logits, given the one with respect to `logProbs`
    /// (the output of `forward`).
    public static func backward(gradLogProbs: Tensor, logProbs: Tensor) -> Tensor {
        precondition(gradLogProbs.shape == logProbs.shape, "shape \(gradLogProbs.shape) vs \(logProbs.shape)")
        var result = gradLogProbs
        let classes = logProbs.shape.last ?? 1
        logProbs.data.withUnsafeBufferPointer { y in
            result.data.withUnsafeMutableBufferPointer { d in
                backward(gradOutput: d.baseAddress!, output: y.baseAddress!, rows: logProbs.count / classes,
                         classes: classes, gradInput: d.baseAddress!)
            }
        }
        return result
    }
}
