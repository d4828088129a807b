#if canImport(Glibc)
import Glibc
#endif
import Dispatch
import Synchronization

/// Graceful-shutdown signals: SIGTERM and SIGINT stop killing the process and instead call a
/// closure, once. Keep the returned value alive as long as the handling should last.
/// (Dispatch sources are thread-safe; they are only created in `init` and cancelled.)
public final class SignalHandling: @unchecked Sendable {
    private let sources: [any DispatchSourceSignal]

    /// Installs handlers for `signals` (default SIGTERM and SIGINT). `action` runs once, on a
    /// background queue, for the first of them to arrive. Dispatch registers the sources
    /// asynchronously: a signal in the first moments after `init` may be ignored.
    public init(signals: [Int32] = [SIGTERM, SIGINT], action: @escaping @Sendable (Int32) -> Void) {
        let fired = Atomic<Bool>(false)
        let once = OnceBox(fired: fired)
        let queue = DispatchQueue(label: "recipes.signals")
        sources = signals.map { number in
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: queue)
            source.setEventHandler {
                if once.claim() { action(number) }
            }
            source.resume()
            return source
        }
    }

    /// Stops handling; the signals stay ignored.
    public func cancel() {
        for source in sources { source.cancel() }
    }

    private final class OnceBox: Sendable {
        let fired: Atomic<Bool>
        init(fired: consuming Atomic<Bool>) { self.fired = fired }
        func claim() -> Bool { !fired.exchange(true, ordering: .acquiringAndReleasing) }
    }
}
