import Earshot
import EarshotTestSupport
import EarshotTraining
import Foundation
import Testing

/// `mpirun -np 2 earshot train` (built with the MPI trait) trains the weights one process trains
/// on the same batches, resumes with another number of processes, and ends every process when one
/// dies. Scripts/test.sh builds with `--traits MPI` after installing Open MPI.
@Suite(.serialized) struct MPITrainingTests {
    /// A tiny model on the ten fixture clips: three batches of four per epoch, at the full learning
    /// rate from the first update (no warm-up), so a wrong gradient shows in the weights.
    static let flags = [
        "train", "--data", Fixtures.fsddRecordings.path, "--dev-fraction", "0", "--hidden", "16", "--batch-size", "4",
        "--warmup", "0", "--patience", "0", "--json-log",
    ]

    @Test func twoProcessesTrainTheWeightsOfOneWithTwoThreads() throws {
        guard let mpirun = Self.mpirun() else { return }
        let directory = try Fixtures.temporaryDirectory("earshot-mpi")
        let (one, two) = (directory.appendingPathComponent("one.safetensors"), directory.appendingPathComponent("two.safetensors"))
        // one process splits each batch between 2 threads; 2 processes take one half each
        let single = try CommandLineTests.earshot(Self.flags + ["--epochs", "2", "--threads", "2", "--out", one.path])
        #expect(single.status == 0, "\(single.errors)")
        let parallel = try CommandLineTests.run(
            mpirun, Self.launch(2) + Self.flags + ["--epochs", "2", "--threads", "1", "--out", two.path])
        #expect(parallel.status == 0, "\(parallel.errors)")
        #expect(parallel.output.contains("2 processes: exchanging gradients took"), "\(parallel.output)")
        try Self.expectSameWeights(one, two)
    }

    @Test func aRunResumesWithAnotherNumberOfProcesses() throws {
        guard let mpirun = Self.mpirun() else { return }
        let directory = try Fixtures.temporaryDirectory("earshot-mpi-resume")
        let (straight, resumed) = (directory.appendingPathComponent("straight.safetensors"), directory.appendingPathComponent("resumed.safetensors"))
        // without dropout the way a batch is split changes only the order of sums
        let flags = Self.flags + ["--dropout", "0", "--threads", "1"]
        let first = try CommandLineTests.run(mpirun, Self.launch(2) + flags + ["--epochs", "1", "--out", resumed.path])
        #expect(first.status == 0, "\(first.errors)")
        let second = try CommandLineTests.earshot(flags + ["--epochs", "2", "--resume", "--out", resumed.path])
        #expect(second.status == 0, "\(second.errors)")
        let whole = try CommandLineTests.earshot(flags + ["--epochs", "2", "--out", straight.path])
        #expect(whole.status == 0, "\(whole.errors)")
        try Self.expectSameWeights(straight, resumed)
    }

    @Test func aKilledProcessEndsTheJobInsteadOfAHang() throws {
        guard let mpirun = Self.mpirun() else { return }
        let directory = try Fixtures.temporaryDirectory("earshot-mpi-kill")
        let model = directory.appendingPathComponent("killed.safetensors")
        let job = Process()
        job.executableURL = mpirun
        job.arguments = Self.launch(2) + Self.flags + ["--epochs", "1000", "--threads", "1", "--out", model.path]
        let errors = Pipe()
        (job.standardOutput, job.standardError) = (FileHandle.nullDevice, errors)
        try job.run()
        defer { if job.isRunning { job.terminate() } }
        // the first epoch's checkpoint shows both processes are training; then process 1 dies
        let checkpoint = TrainingOutputs(model: model).checkpoint
        try #require(Self.wait(seconds: 60) { FileManager.default.fileExists(atPath: checkpoint.path) }, "no checkpoint written")
        let ranks = try String(contentsOfFile: "/proc/\(job.processIdentifier)/task/\(job.processIdentifier)/children", encoding: .utf8)
            .split(separator: " ").compactMap { Int32($0) }
        try #require(ranks.count == 2, "mpirun's children: \(ranks)")
        kill(ranks[1], SIGKILL)
        #expect(Self.wait(seconds: 30) { !job.isRunning }, "the job still runs 30 s after a process was killed")
        job.waitUntilExit()
        #expect(job.terminationStatus != 0)
        let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(message.contains("signal 9"), "\(message)")
    }

    /// mpirun's arguments for `processes` processes of the built `earshot`: as root (containers), more
    /// processes than cores allowed, not bound to one core each (a process may run 2 threads).
    static func launch(_ processes: Int) -> [String] {
        ["--allow-run-as-root", "--oversubscribe", "--bind-to", "none", "-np", "\(processes)", CommandLineTests.executable.path]
    }

    /// mpirun from PATH when `earshot` was built with MPI (a failure if it is missing); nil when
    /// `earshot` was built without MPI: the test passes without running, except in CI (`CI=true`).
    static func mpirun() -> URL? {
        #if MPI
        let found = (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":")
            .map { URL(fileURLWithPath: String($0)).appendingPathComponent("mpirun") }
            .first { FileManager.default.isExecutableFile(atPath: $0.path) }
        if found == nil { Issue.record("earshot was built with MPI but mpirun is not on PATH (Scripts/install-deps.sh --mpi)") }
        return found
        #else
        if ProcessInfo.processInfo.environment["CI"] == "true" {
            Issue.record("CI must build with MPI: swift test --traits MPI (Scripts/test.sh does)")
        }
        return nil
        #endif
    }

    static func expectSameWeights(_ a: URL, _ b: URL) throws {
        let (x, y) = (try Model(contentsOf: a).network.parameterValues, try Model(contentsOf: b).network.parameterValues)
        try #require(x.count == y.count)
        let worst = zip(x, y).map { abs($0 - $1) }.max() ?? 0
        #expect(worst < 1e-5, "largest weight difference \(worst)")
    }

    static func wait(seconds: Double, until done: () -> Bool) -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while !done() {
            if Date() > deadline { return false }
            Thread.sleep(forTimeInterval: 0.05)
        }
        return true
    }
}
