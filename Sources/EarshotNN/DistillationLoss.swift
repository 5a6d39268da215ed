/// Frame-level knowledge distillation (Hinton, Vinyals & Dean 2015, at temperature 1; the loss of
/// "Learning without Forgetting", Li & Hoiem 2016): sample b's loss is
///
///     L_b = Σ_{t < T_b} KL(q_t ‖ p_t) = Σ_t Σ_c q_t(c) · (log q_t(c) − log p_t(c)),
///
/// where q is the teacher's and p the student's posterior. Its gradient with respect to the
/// student's logits (before log-softmax) is p_t − q_t, since Σ_c q_t(c) = 1.
public enum DistillationLoss {
    /// Sample `b`'s loss against the teacher's log-probs `teacher` (same `[T, N, C]` shape as
    /// `student`); writes `scale` times its gradient into `gradLogits`' rows of sample b (t < T_b).
    public static func sample(
        _ b: Int, student: Tensor, teacher: Tensor, length: Int, scale: Float, gradLogits: inout Tensor
    ) -> Float {
        precondition(student.shape.count == 3 && student.shape == teacher.shape && student.shape == gradLogits.shape,
                     "student, teacher and gradient shapes differ")
        let (batch, classes) = (student.shape[1], student.shape[2])
        precondition(0..<batch ~= b && 0...student.shape[0] ~= length, "sample or length outside the tensor")
        var loss: Float = 0
        student.data.withUnsafeBufferPointer { p in
            teacher.data.withUnsafeBufferPointer { q in
                gradLogits.data.withUnsafeMutableBufferPointer { g in
                    for t in 0..<length {
                        let row = (t * batch + b) * classes
                        for c in row..<(row + classes) {
                            let target = fastExp(q[c])
                            if target > 0 { loss += target * (q[c] - p[c]) }
                            g[c] = scale * (fastExp(p[c]) - target)
                        }
                    }
                }
            }
        }
        return loss
    }
}
