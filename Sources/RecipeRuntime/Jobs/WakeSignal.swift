// A one-slot wake-up for a loop that waits for work: `signal()` from any thread wakes the
// waiter at once, or, when nobody waits, makes its next wait return immediately (a signal is
// never lost between "found nothing" and "wait"). Waits end after a timeout as a safety net.
import Foundation
import Synchronization

/// Wakes one waiting loop (the worker pool's claim loop, the intake writer).
public final class WakeSignal: Sendable {
    private struct State {
        var pending = false
        var waiter: CheckedContinuation<Void, Never>?
        var generation = 0
    }

    private let state = Mutex(State())

    public init() {}

    /// Wakes the waiter, or the next `wait`.
    public func signal() {
        let waiter = state.withLock { state -> CheckedContinuation<Void, Never>? in
            guard let waiter = state.waiter else {
                state.pending = true
                return nil
            }
            state.waiter = nil
            return waiter
        }
        waiter?.resume()
    }

    /// Returns when signalled (or already signalled since the last wait), or after `timeout`.
    /// One waiter at a time.
    public func wait(timeout: Duration) async {
        let generation = state.withLock { state -> Int? in
            if state.pending {
                state.pending = false
                return nil
            }
            state.generation += 1
            return state.generation
        }
        guard let generation else { return }
        let timer = Task {
            try? await Task.sleep(for: timeout)
            self.expire(generation)
        }
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let resumeNow = state.withLock { state -> Bool in
                // Signalled, or timed out, between the check above and here.
                if state.pending || state.generation != generation {
                    state.pending = false
                    return true
                }
                state.waiter = continuation
                return false
            }
            if resumeNow { continuation.resume() }
        }
        timer.cancel()
    }

    private func expire(_ generation: Int) {
        let waiter = state.withLock { state -> CheckedContinuation<Void, Never>? in
            guard state.generation == generation else { return nil }
            state.generation += 1
            defer { state.waiter = nil }
            return state.waiter
        }
        waiter?.resume()
    }
}
