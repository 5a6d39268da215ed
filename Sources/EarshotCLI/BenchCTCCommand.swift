import ArgumentParser
import EarshotNN

struct BenchCTCCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ctc",
        abstract: "Time the CTC loss with its gradients (log-probs and logits) on a random batch.",
        discussion: """
            Random logits [T, N, C] go through log-softmax (not timed); each sample gets a \
            random target of --target-length labels (no blank) and the full input length. \
            The timed call computes the per-sample losses, the mean (PyTorch's), and both \
            gradients. Prints one JSON object: median_ms, min_ms, cpu_ms_mean, runs and the shape.

            Example (the PyTorch reference rows):
              earshot bench ctc --steps 100 --batch 32 --target-length 5 --threads 2
            """)

    @Option(help: "Frames per sample (T).") var steps = 100
    @Option(help: "Samples (N).") var batch = 32
    @Option(help: "Classes including the blank (C).") var classes = 11
    @Option(help: "Labels per target.") var targetLength = 5
    @Option(help: "Threads (samples are spread over them).") var threads = 1
    @Option(help: "Timed runs, after one warm-up run.") var runs = 50

    func validate() throws {
        for (name, value) in [("steps", steps), ("batch", batch), ("threads", threads), ("runs", runs)] where value < 1 {
            throw ValidationError("--\(name) must be at least 1")
        }
        if classes < 2 { throw ValidationError("--classes must be at least 2 (the blank and one label)") }
        if targetLength < 0 || targetLength > steps { throw ValidationError("--target-length must be within 0…steps") }
    }

    func run() throws {
        var rng = SplitMix64(seed: 3)
        let logits = Tensor(shape: [steps, batch, classes], data: (0..<(steps * batch * classes)).map { _ in Float.random(in: -2...2, using: &rng) })
        let logProbs = LogSoftmax.forward(logits)
        let targets = (0..<batch).map { _ in (0..<targetLength).map { _ in Int.random(in: 1..<classes, using: &rng) } }
        let lengths = [Int](repeating: steps, count: batch)
        let (seconds, cpuMilliseconds) = BenchTiming.measureWithCPUTime(runs: runs) {
            _ = CTCLoss.compute(logProbs: logProbs, inputLengths: lengths, targets: targets, threads: threads)
        }
        BenchTiming.printJSON([
            "bench": "ctc", "median_ms": BenchTiming.median(seconds) * 1000, "min_ms": seconds[0] * 1000, "runs": runs,
            "cpu_ms_mean": cpuMilliseconds, "steps": steps, "batch": batch, "classes": classes, "target_length": targetLength, "threads": threads,
        ])
    }
}
