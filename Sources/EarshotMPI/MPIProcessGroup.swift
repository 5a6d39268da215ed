// Compiled only with the package trait MPI (`swift build --traits MPI`), which also links Open MPI.
#if MPI
import CMPI
import EarshotTraining
import Foundation

/// The processes `mpirun` started, as a `ProcessGroup` over `MPI_COMM_WORLD`: sums are
/// `MPI_Allreduce` in buckets, broadcasts `MPI_Bcast` from rank 0. Errors are fatal to the whole
/// job (`MPI_ERRORS_ARE_FATAL`), and a process that fails calls `abort`, so a crashed or failing
/// process ends every process with its message instead of leaving the others waiting.
public final class MPIProcessGroup: ProcessGroup {
    public let rank: Int
    public let size: Int
    public private(set) var communicationSeconds = 0.0
    /// Values per `MPI_Allreduce`: a large gradient goes in pieces of at most this many, so
    /// Open MPI's temporary buffers stay small.
    public let bucketSize: Int

    /// Initialises MPI (calls may come from any thread, one at a time).
    public init(bucketSize: Int = 1 << 20) {
        var provided: Int32 = 0
        MPI_Init_thread(nil, nil, Int32(MPI_THREAD_SERIALIZED), &provided)
        let world = cmpi_comm_world()
        MPI_Comm_set_errhandler(world, cmpi_errors_are_fatal())
        var (rank, size): (Int32, Int32) = (0, 0)
        MPI_Comm_rank(world, &rank)
        MPI_Comm_size(world, &size)
        (self.rank, self.size, self.bucketSize) = (Int(rank), Int(size), bucketSize)
        if provided < Int32(MPI_THREAD_SERIALIZED) {
            abort("this MPI library does not allow calls from more than one thread (MPI_THREAD_SERIALIZED)")
        }
    }

    public func sum(_ values: inout [Float]) { allReduce(&values, type: cmpi_float()) }
    public func sum(_ values: inout [Double]) { allReduce(&values, type: cmpi_double()) }

    public func broadcast(_ values: inout [Double]) {
        let started = Self.now()
        values.withUnsafeMutableBufferPointer { buffer in
            check(MPI_Bcast(buffer.baseAddress, Int32(buffer.count), cmpi_double(), 0, cmpi_comm_world()), "MPI_Bcast")
        }
        communicationSeconds += Self.now() - started
    }

    /// Ends MPI after the last collective call; every process must reach it.
    public func finish() {
        MPI_Finalize()
    }

    /// Prints `message` naming this process and ends every process of the job.
    public func abort(_ message: String) -> Never {
        FileHandle.standardError.write(Data("earshot: process \(rank) of \(size): \(message)\n".utf8))
        MPI_Abort(cmpi_comm_world(), 1)
        exit(1)
    }

    private func allReduce<T>(_ values: inout [T], type: MPI_Datatype) {
        let started = Self.now()
        values.withUnsafeMutableBufferPointer { buffer in
            for start in stride(from: 0, to: buffer.count, by: bucketSize) {
                let count = min(bucketSize, buffer.count - start)
                check(
                    MPI_Allreduce(cmpi_in_place(), buffer.baseAddress! + start, Int32(count), type, cmpi_sum(), cmpi_comm_world()),
                    "MPI_Allreduce")
            }
        }
        communicationSeconds += Self.now() - started
    }

    private func check(_ code: Int32, _ call: String) {
        if code != MPI_SUCCESS { abort("\(call) failed with MPI error \(code)") }
    }

    private static func now() -> Double { ProcessInfo.processInfo.systemUptime }
}
#endif
