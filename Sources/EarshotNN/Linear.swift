/// A fully connected layer, PyTorch's `nn.Linear`: y = x Wᵀ + b, with `weight [out, in]`, `bias [out]`.
enum Linear {
    /// `output [rows, out]` = `input [rows, in]` · weightᵀ + bias. Backward needs `input` (kept by the caller).
    static func forward(
        output: UnsafeMutablePointer<Float>, input: UnsafePointer<Float>, weight: UnsafePointer<Float>,
        bias: UnsafePointer<Float>, rows: Int, inputSize: Int, outputSize: Int
    ) {
        for r in 0..<rows { (output + r * outputSize).update(from: bias, count: outputSize) }
        BLAS.sgemm(transB: true, m: rows, n: outputSize, k: inputSize, input, lda: inputSize,
                   weight, ldb: inputSize, beta: 1, output, ldc: outputSize)
    }

    /// Same arguments as forward, gradients for each: dW += dyᵀ x, db += Σ_rows dy, dx = dy W
    /// (`gradInput` is overwritten).
    static func backward(
        gradOutput: UnsafePointer<Float>, input: UnsafePointer<Float>, weight: UnsafePointer<Float>,
        rows: Int, inputSize: Int, outputSize: Int,
        gradInput: UnsafeMutablePointer<Float>, gradWeight: UnsafeMutablePointer<Float>,
        gradBias: UnsafeMutablePointer<Float>
    ) {
        BLAS.sgemm(transA: true, m: outputSize, n: inputSize, k: rows, gradOutput, lda: outputSize,
                   input, ldb: inputSize, beta: 1, gradWeight, ldc: inputSize)
        addColumnSums(gradOutput, rows: rows, columns: outputSize, into: gradBias)
        BLAS.sgemm(m: rows, n: inputSize, k: outputSize, gradOutput, lda: outputSize, weight,
                   ldb: inputSize, beta: 0, gradInput, ldc: inputSize)
    }
}
