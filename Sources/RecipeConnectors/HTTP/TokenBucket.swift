// A token bucket per connection (and per action where a vendor documents a tighter limit),
// configured from the vendor's documented limits in the connector definition.
import Foundation
import RecipeEngine
import Synchronization

/// Paces requests: up to `burst` at once, then `ratePerSecond`. Callers reserve a token and
/// sleep until it is theirs, so concurrent callers queue fairly without polling. A vendor's
/// 429 with `Retry-After` pauses the whole bucket, so other requests do not hit the limit too.
public final class TokenBucket: Sendable {
    private struct State {
        var tokens: Double
        var updated: Date
        var pausedUntil: Date?
    }

    public let limit: RateLimit
    private let clock: any EngineClock
    private let state: Mutex<State>

    public init(_ limit: RateLimit, clock: any EngineClock) {
        self.limit = limit
        self.clock = clock
        state = Mutex(State(tokens: Double(limit.burst), updated: clock.now()))
    }

    /// Takes one token, sleeping until it is available; returns how long it waited.
    @discardableResult
    public func acquire() async throws -> Duration {
        let wait = reserve()
        if wait > .zero { try await clock.sleep(for: wait) }
        return wait
    }

    /// Stops handing out tokens for `duration` (the vendor said so).
    public func pause(for duration: Duration) {
        let until = clock.now().addingTimeInterval(duration.seconds)
        state.withLock { state in
            if let current = state.pausedUntil, current >= until { return }
            state.pausedUntil = until
        }
    }

    /// Reserves a token and returns the wait before using it.
    func reserve() -> Duration {
        let now = clock.now()
        let rate = limit.ratePerSecond
        return state.withLock { state in
            let elapsed = max(0, now.timeIntervalSince(state.updated))
            state.tokens = min(Double(limit.burst), state.tokens + elapsed * rate)
            state.updated = now
            state.tokens -= 1
            var wait = state.tokens >= 0 ? 0 : -state.tokens / rate
            if let paused = state.pausedUntil {
                if paused > now { wait = max(wait, paused.timeIntervalSince(now)) } else { state.pausedUntil = nil }
            }
            return Duration(secondsValue: wait)
        }
    }
}
