import RecipeData

/// How a failing step is retried: `{"retries": 3, "delay": "2s", "backoff": "exponential",
/// "maxDelay": "1m"}`. The delay before retry *n* (1-based) is `delay` for constant backoff and
/// `delay × 2^(n-1)` for exponential, capped at `maxDelay`, with up to 20% jitter subtracted
/// so synchronized retries spread out.
public struct RetryPolicy: Sendable, Hashable {
    public enum Backoff: String, Sendable, Hashable, CaseIterable { case constant, exponential }

    /// The most retries a step may ask for.
    public static let maxRetries = 10
    /// The longest delay a step may ask for between two attempts.
    public static let maxDelay: Duration = .seconds(3600)

    public var retries: Int
    public var delay: Duration
    public var backoff: Backoff
    public var maxDelay: Duration

    public init(retries: Int, delay: Duration = .seconds(1), backoff: Backoff = .exponential, maxDelay: Duration = .seconds(60)) {
        self.retries = retries
        self.delay = delay
        self.backoff = backoff
        self.maxDelay = maxDelay
    }

    /// The wait before retry number `retry` (1-based), before jitter.
    public func delay(beforeRetry retry: Int) -> Duration {
        switch backoff {
        case .constant:
            return min(delay, maxDelay)
        case .exponential:
            let factor = 1 << min(max(retry - 1, 0), 30)
            return min(delay * factor, maxDelay)
        }
    }
}

extension Duration {
    /// Parses `250ms`, `2s`, `5m`, `1h`, `1d` (a non-negative integer and a unit); nil for
    /// anything else, including amounts that do not fit in 64-bit seconds.
    public init?(recipeText text: String) {
        let digits = text.prefix { $0.isASCII && $0.isNumber }
        guard !digits.isEmpty, let amount = Int64(digits) else { return nil }
        let unitSeconds: Int64
        switch text.dropFirst(digits.count) {
        case "ms":
            self = .milliseconds(amount)
            return
        case "s": unitSeconds = 1
        case "m": unitSeconds = 60
        case "h": unitSeconds = 3600
        case "d": unitSeconds = 86400
        default: return nil
        }
        self.init(checkedAmount: amount, unitSeconds: unitSeconds)
    }
}
