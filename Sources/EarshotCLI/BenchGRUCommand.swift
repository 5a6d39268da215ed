import ArgumentParser
import EarshotNN
import Foundation

struct BenchGRUCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "gru",
        abstract: "Time the GRU stack: inference, forward + backward, or a whole training step.",
        discussion: """
            Builds a randomly initialised bidirectional GRU stack with a Linear layer on \
            random time-major input [T, B, D] and times one of:
              (default)     inference: the GRU stack (then Linear + log-softmax
                            with --linear-classes)
              --backward    training forward (keeping activations) + backward
                            through the GRU stack and the Linear layer
              --train-step  forward, CTC (mean, random 5-label targets),
                            backward, gradient clipping, one Adam step
            Prints one JSON object: median_ms, min_ms, cpu_ms_mean, runs and the shape.

            Example (the PyTorch reference rows):
              earshot bench gru --input 13 --hidden 128 --layers 2 --batch 1 --steps 100
              earshot bench gru --batch 32 --steps 100 --backward --threads 2
              earshot bench gru --batch 32 --train-step --ragged --threads 2
            """)

    @Option(help: "Input features per frame (D).") var input = 13
    @Option(help: "Hidden units per direction (H).") var hidden = 128
    @Option(help: "GRU layers.") var layers = 2
    @Option(help: "Sequences per batch (B).") var batch = 1
    @Option(help: "Time steps per sequence (T).") var steps = 100
    @Flag(help: "Time training forward + backward instead of inference.") var backward = false
    @Option(help: "Add a Linear layer to this many classes, then log-softmax (default 11 when training).")
    var linearClasses: Int?
    @Flag(help: "Time a whole training step: forward, CTC, backward, clipping, Adam.") var trainStep = false
    @Flag(help: "Ragged batch: lengths spread evenly over T/2…T, longest first (packed sequences).")
    var ragged = false
    @Option(help: "Threads (the two directions of a layer run in parallel with 2).") var threads = 1
    @Option(help: "Timed runs, after one warm-up run.") var runs = 20

    func validate() throws {
        for (name, value) in [("input", input), ("hidden", hidden), ("layers", layers), ("batch", batch),
                              ("steps", steps), ("threads", threads), ("runs", runs)] where value < 1 {
            throw ValidationError("--\(name) must be at least 1")
        }
        if let linearClasses, linearClasses < 2 { throw ValidationError("--linear-classes must be at least 2") }
        if trainStep && steps < 10 { throw ValidationError("--train-step needs --steps ≥ 10 for its 5-label targets") }
        if backward && trainStep { throw ValidationError("--train-step already includes the backward pass") }
    }

    func run() throws {
        let training = backward || trainStep
        let classes = linearClasses ?? 11
        let config = NetworkConfig(inputSize: input, hiddenSize: hidden, numLayers: layers, numClasses: classes)
        let network = AcousticNetwork(config: config, seed: 1, threads: threads)
        var rng = SplitMix64(seed: 2)
        let features = Tensor(shape: [steps, batch, input], data: (0..<(steps * batch * input)).map { _ in Float.random(in: -1...1, using: &rng) })
        let lengths = (0..<batch).map { b in ragged ? steps - b * (steps / 2) / max(batch - 1, 1) : steps }
        let targets = (0..<batch).map { _ in (0..<5).map { _ in Int.random(in: 1..<classes, using: &rng) } }
        let gradLogits = Tensor(shape: [steps, batch, classes], data: (0..<(steps * batch * classes)).map { _ in Float.random(in: -1...1, using: &rng) })
        var adam = Adam()

        let (seconds, cpuMilliseconds) = BenchTiming.measureWithCPUTime(runs: runs) {
            switch (trainStep, backward, linearClasses) {
            case (true, _, _):
                let pass = network.forward(features, lengths: lengths, training: true, rng: &rng)
                let ctc = CTCLoss.compute(logProbs: pass.logProbs, inputLengths: lengths, targets: targets, threads: threads)
                var gradients = network.backward(pass, gradLogits: ctc.gradLogits)
                clipGradientNorm(&gradients.values, maxNorm: 5)
                adam.step(&network.parameterValues, gradients: gradients.values)
            case (_, true, _):
                _ = network.backward(network.forward(features, lengths: lengths, training: true, rng: &rng), gradLogits: gradLogits)
            case (_, _, nil):
                _ = network.encode(features, lengths: lengths)
            case (_, _, .some):
                _ = batch == 1 ? network.logProbs(features.data, frames: steps)
                    : network.outputLayer(network.encode(features, lengths: lengths).data, frames: steps * batch)
            }
        }
        BenchTiming.printJSON([
            "bench": "gru", "mode": trainStep ? "train-step" : (training ? "forward+backward" : "inference"),
            "median_ms": BenchTiming.median(seconds) * 1000, "min_ms": seconds[0] * 1000, "runs": runs,
            "cpu_ms_mean": cpuMilliseconds, "input": input, "hidden": hidden, "layers": layers, "batch": batch, "steps": steps,
            "linear_classes": training || linearClasses != nil ? classes : 0, "ragged": ragged, "threads": threads,
            "parameters": network.layout.count,
        ])
    }
}

extension BenchTiming {
    /// `measure`, plus the process's CPU time per timed run (all threads), in ms: on a busy
    /// machine it shows what a run costs when it is not waiting for a core.
    static func measureWithCPUTime(runs: Int, _ body: () throws -> Void) rethrows -> ([Double], Double) {
        try body()  // warm-up, outside the CPU time
        let start = clock()
        let seconds = try measure(runs: runs, warmup: 0, body)
        return (seconds, Double(clock() - start) / Double(CLOCKS_PER_SEC) * 1000 / Double(runs))
    }
}
