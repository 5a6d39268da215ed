import EarshotTraining
import Foundation
#if MPI
import EarshotMPI
#endif

/// The processes one `earshot train` runs on: the MPI job when a launcher (`mpirun`) started this
/// process and `earshot` was built with the MPI trait, otherwise this process alone.
enum TrainingProcesses {
    /// Runs `body` with the group. Under MPI, ends MPI after it, or, when it throws, prints the
    /// error and ends every process of the job (the others would wait for this one forever).
    static func run<T>(_ body: (any ProcessGroup) throws -> T) throws -> T {
        guard let launched = launcherSize else { return try body(SingleProcess()) }
        #if MPI
        let group = MPIProcessGroup()
        do {
            let result = try body(group)
            group.finish()
            return result
        } catch {
            group.abort(String(describing: error))
        }
        #else
        // Without MPI every process would train the whole model alone and write the same files.
        guard launched == 1 else { throw MPIUnavailable(processes: launched) }
        return try body(SingleProcess())
        #endif
    }

    /// The job's process count from the launcher's environment (Open MPI's, or the PMI variables of
    /// MPICH and Slurm), nil when no launcher started this process.
    static var launcherSize: Int? {
        let environment = ProcessInfo.processInfo.environment
        return ["OMPI_COMM_WORLD_SIZE", "PMI_SIZE"].lazy.compactMap { environment[$0].flatMap(Int.init) }.first
    }
}

struct MPIUnavailable: Error, CustomStringConvertible {
    var processes: Int
    var description: String {
        "started as one of \(processes) MPI processes, but this earshot was built without MPI: "
            + "build it with `swift build -c release --traits MPI` (needs Open MPI, Scripts/install-deps.sh --mpi)"
    }
}
