import Foundation
import RecipeEngine
import Synchronization

/// A clock for tests: time stands still until a sleep moves it forward, instantly, and every
/// sleep is recorded, so retry backoff and timeouts are tested without waiting.
public final class ManualClock: EngineClock {
    private let state: Mutex<(now: Date, sleeps: [Duration])>
    /// Added to the time at every `now()` call (simulates slow steps for timeout tests).
    private let tick: TimeInterval

    public init(start: Date = Date(timeIntervalSince1970: 1_795_000_000), tick: TimeInterval = 0) {
        state = Mutex((start, []))
        self.tick = tick
    }

    public func now() -> Date {
        state.withLock { state in
            state.now = state.now.addingTimeInterval(tick)
            return state.now
        }
    }

    public func sleep(for duration: Duration) async throws {
        try Task.checkCancellation()
        state.withLock { state in
            state.sleeps.append(duration)
            state.now = state.now.addingTimeInterval(Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18)
        }
    }

    /// Every sleep requested so far.
    public var sleeps: [Duration] { state.withLock { $0.sleeps } }

    public func advance(by seconds: TimeInterval) {
        state.withLock { $0.now = $0.now.addingTimeInterval(seconds) }
    }
}
