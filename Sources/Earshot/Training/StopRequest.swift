import Dispatch
import Foundation
import Synchronization

/// A flag another thread or a signal sets to ask training to stop at the next batch boundary;
/// training then saves a checkpoint and returns.
public final class StopRequest: Sendable {
    private let flag = Atomic<Bool>(false)

    public init() {}

    public func request() { flag.store(true, ordering: .relaxed) }
    public var isRequested: Bool { flag.load(ordering: .relaxed) }
}

/// Turns the first Ctrl-C (SIGINT) or SIGTERM into a `StopRequest`; the signal's default action
/// comes back after it, so a second Ctrl-C quits at once.
public final class InterruptHandler {
    public let stop: StopRequest
    private let sources: [any DispatchSourceSignal]

    /// Installs the handlers; `onSignal` runs (on a background queue) when the first signal arrives.
    public init(stop: StopRequest = StopRequest(), onSignal: @escaping @Sendable (Int32) -> Void = { _ in }) {
        self.stop = stop
        let signals = [SIGINT, SIGTERM]
        sources = signals.map { number in
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler { [stop] in
                guard !stop.isRequested else { return }
                stop.request()
                for other in signals { signal(other, SIG_DFL) }
                onSignal(number)
            }
            source.resume()
            return source
        }
    }

    /// Removes the handlers and restores the default actions.
    public func uninstall() {
        for source in sources { source.cancel() }
        signal(SIGINT, SIG_DFL)
        signal(SIGTERM, SIG_DFL)
    }
}
