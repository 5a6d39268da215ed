import Foundation
import Synchronization

/// A flag that asks long work to stop at its next safe point: training at the next batch boundary
/// (it then saves a checkpoint and returns), streaming after the current chunk (it then finishes
/// the utterance in progress). Set by `request()` from any thread, or by SIGINT / SIGTERM while an
/// `InterruptHandler` is installed.
public final class StopRequest: Sendable {
    private let flag = Atomic<Bool>(false)
    private let watchesSignals: Bool

    /// With `watchingSignals`, a signal caught by `InterruptHandler` also counts as a request.
    public init(watchingSignals: Bool = false) { self.watchesSignals = watchingSignals }

    public func request() { flag.store(true, ordering: .relaxed) }

    public var isRequested: Bool {
        flag.load(ordering: .relaxed) || (watchesSignals && signalCaught.load(ordering: .relaxed))
    }
}

/// Set by the signal handler: a lock-free atomic store is async-signal-safe, unlike most else.
private let signalCaught = Atomic<Bool>(false)
/// The note the handler writes; set before the handler is installed, only read in it.
nonisolated(unsafe) private var stoppingMessage: StaticString = ""

/// Turns the first Ctrl-C (SIGINT) or SIGTERM into a stop request and a note on standard error
/// (`"\nstopping: <what happens>  (Ctrl-C again quits at once)\n"`); the signals' default actions
/// come back with it, so a second Ctrl-C quits at once.
public final class InterruptHandler {
    public let stop = StopRequest(watchingSignals: true)

    /// Installs the handlers and unblocks the signals on the calling thread (a parent, such as a
    /// test runner, may have blocked them), so that thread at least receives them. `message` is
    /// the whole note, e.g. `"\nstopping after this batch and saving a checkpoint (Ctrl-C again quits at once)\n"`.
    public init(message: StaticString) {
        stoppingMessage = message
        signalCaught.store(false, ordering: .relaxed)
        var signals = sigset_t()
        sigemptyset(&signals)
        for number in [SIGINT, SIGTERM] {
            sigaddset(&signals, number)
            signal(number) { _ in
                signalCaught.store(true, ordering: .relaxed)
                signal(SIGINT, SIG_DFL)
                signal(SIGTERM, SIG_DFL)
                _ = write(STDERR_FILENO, stoppingMessage.utf8Start, stoppingMessage.utf8CodeUnitCount)
            }
        }
        pthread_sigmask(SIG_UNBLOCK, &signals, nil)
    }

    /// Restores the default actions.
    public func uninstall() {
        signal(SIGINT, SIG_DFL)
        signal(SIGTERM, SIG_DFL)
        signalCaught.store(false, ordering: .relaxed)
    }
}
