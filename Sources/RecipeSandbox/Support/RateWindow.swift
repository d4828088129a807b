import Foundation

/// A fixed-window request counter per key (client id, token, ...), read against the
/// injected clock so tests cross window boundaries without sleeping.
///
/// A window opens at the first request after the previous one ended and admits `limit`
/// requests for `seconds`; further requests get a decision carrying the seconds left.
struct RateWindow: Sendable {
    let limit: Int
    let seconds: Double
    private var windows: [String: (start: Date, count: Int)] = [:]

    init(limit: Int, seconds: Double) {
        self.limit = limit
        self.seconds = seconds
    }

    /// The outcome of asking for one request.
    struct Decision: Sendable {
        var allowed: Bool
        var limit: Int
        var remaining: Int
        /// When the current window ends.
        var reset: Date
        /// Whole seconds until the window ends (at least 1), for `Retry-After`.
        var retryAfter: Int
    }

    /// Counts one request for `key` at `now`.
    mutating func admit(_ key: String, now: Date) -> Decision {
        var window = windows[key] ?? (now, 0)
        if now.timeIntervalSince(window.start) >= seconds || now < window.start {
            window = (now, 0)
        }
        let reset = window.start.addingTimeInterval(seconds)
        let retryAfter = max(1, Int(reset.timeIntervalSince(now).rounded(.up)))
        guard window.count < limit else {
            windows[key] = window
            return Decision(allowed: false, limit: limit, remaining: 0, reset: reset, retryAfter: retryAfter)
        }
        window.count += 1
        windows[key] = window
        return Decision(
            allowed: true, limit: limit, remaining: limit - window.count, reset: reset, retryAfter: retryAfter)
    }

    /// Forgets every window.
    mutating func clear() { windows = [:] }
}
