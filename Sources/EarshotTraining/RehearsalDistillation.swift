import EarshotNN

/// Fine-tuning's rehearsal clips trained toward what the model fine-tuning starts from says about
/// them, not only toward their labels: each rehearsal item's loss becomes
/// (1 − λ) · CTC_b / |l_b| + λ · Σ_t KL(teacher_t ‖ model_t) (`DistillationLoss`), the teacher
/// seeing the same augmented features with no dropout. The labels of a few clips, learnt for many
/// epochs, make the filler stronger than it was; the teacher's posteriors keep the model's own
/// balance between a word and the filler on them ("Learning without Forgetting", Li & Hoiem 2016).
struct RehearsalDistillation: Sendable {
    /// The network as fine-tuning started (the base model's weights, new words' rows as initialised).
    let teacher: AcousticNetwork
    /// λ in (0, 1].
    let weight: Float
    /// Training clips from this index on are rehearsal clips; an item is distilled when all its clips are.
    let firstRehearsalClip: Int

    init(teacher: AcousticNetwork, weight: Float, firstRehearsalClip: Int) {
        (self.teacher, self.weight, self.firstRehearsalClip) = (teacher, weight, firstRehearsalClip)
    }

    /// Distils toward `weights` (a network of `config`) with weight λ, on the clips of `train` that
    /// came from `rehearsal`: the last ones, after the person's (unreadable clips were left out).
    init(weights: [Float], of config: NetworkConfig, weight: Double, threads: Int, rehearsal: [LabeledClip], in train: PreparedClips) {
        let teacher = AcousticNetwork(config: config, seed: 0, threads: threads)
        teacher.parameterValues = weights
        let rehearsed = Set(rehearsal)
        self.init(teacher: teacher, weight: Float(weight), firstRehearsalClip: train.clips.prefix { !rehearsed.contains($0) }.count)
    }

    func isRehearsal(_ item: TrainingItem) -> Bool {
        !item.clips.isEmpty && item.clips.allSatisfy { $0 >= firstRehearsalClip }
    }

    /// Replaces the rehearsal items' share of a `.mean`-reduced CTC `loss` (batch `batch`, whose
    /// samples are `items` in order, with network input `input`) and of its gradient by the mix above.
    func mix(into loss: inout CTCLoss.Output, student: Tensor, input: Tensor, batch: PaddedBatch, items: [TrainingItem]) {
        let rows = items.indices.filter { isRehearsal(items[$0]) }
        guard !rows.isEmpty else { return }
        var unused = SplitMix64(seed: 0)
        let target = teacher.forward(input, lengths: batch.lengths, training: false, rng: &unused).logProbs
        var distilled = Tensor(shape: student.shape)
        let count = Float(batch.count), classes = student.shape[2], stride = batch.count * classes
        for b in rows {
            let ctcScale = 1 / (count * Float(max(batch.labels[b].count, 1)))
            let kl = DistillationLoss.sample(
                b, student: student, teacher: target, length: batch.lengths[b], scale: weight / count, gradLogits: &distilled)
            loss.loss += weight * kl / count - weight * loss.losses[b] * ctcScale
            loss.gradLogits.data.withUnsafeMutableBufferPointer { g in
                distilled.data.withUnsafeBufferPointer { d in
                    for t in 0..<batch.lengths[b] {
                        let row = t * stride + b * classes
                        for c in row..<(row + classes) { g[c] = (1 - weight) * g[c] + d[c] }
                    }
                }
            }
        }
    }
}
