// When the client retries one HTTP request by itself, and after how long.
//
// Facts relied on: RFC 9110 §10.2.3 (Retry-After is delay-seconds or an HTTP-date) and §9.2.2
// (idempotent methods); 429 means the request was refused before processing (RFC 6585 §4);
// Docebo answers 429 over its limit and 503 when overloaded and recommends exponential backoff
// (community.docebo.com, June 2025); Greenhouse Harvest sends Retry-After with 429.
import Foundation

/// What happened to one attempt, as far as retrying is concerned.
enum AttemptOutcome: Sendable {
    case status(Int, retryAfter: Duration?)
    case transport(TransportError)
}

/// The client's retry decisions.
struct RetryPolicy: Sendable {
    var settings: RetrySettings
    /// Spreads a backoff delay (full jitter between half and all of it by default).
    var jitter: @Sendable (Duration) -> Duration = { delay in
        Duration(secondsValue: delay.seconds * Double.random(in: 0.5...1.0))
    }

    enum Decision: Sendable, Equatable {
        case retry(after: Duration, reason: String)
        case stop
    }

    /// - Parameters:
    ///   - attempt: 1 for the first attempt.
    ///   - retrySafe: the action is idempotent or declares how to deduplicate.
    func decide(_ outcome: AttemptOutcome, attempt: Int, retrySafe: Bool) -> Decision {
        guard attempt < settings.maxAttempts else { return .stop }
        switch outcome {
        case .status(let status, let retryAfter) where status == 429 || status == 503:
            // Refused before processing: safe to repeat whatever the method.
            if let retryAfter {
                return retryAfter <= settings.maxRetryAfter
                    ? .retry(after: retryAfter, reason: "HTTP \(status), Retry-After \(retryAfter.seconds)s") : .stop
            }
            return .retry(after: backoff(attempt), reason: "HTTP \(status)")
        case .status(let status, _) where status == 408 || status == 500 || status == 502 || status == 504:
            return retrySafe ? .retry(after: backoff(attempt), reason: "HTTP \(status)") : .stop
        case .status:
            return .stop
        case .transport(let error):
            switch error.kind {
            case .cannotConnect: return .retry(after: backoff(attempt), reason: "cannot connect")
            case .timeout, .network:
                return retrySafe ? .retry(after: backoff(attempt), reason: error.kind.rawValue) : .stop
            case .invalidURL: return .stop
            }
        }
    }

    /// Exponential: base × 2^(attempt−1), at most `maxDelay`, then jittered.
    func backoff(_ attempt: Int) -> Duration {
        let factor = Double(1 << min(max(attempt - 1, 0), 20))
        return jitter(Duration(secondsValue: min(settings.baseDelay.seconds * factor, settings.maxDelay.seconds)))
    }

    /// `Retry-After` as delay-seconds or an HTTP-date (RFC 9110 §10.2.3), relative to `now`.
    static func retryAfter(_ value: String?, now: Date) -> Duration? {
        guard let value = value?.trimmingCharacters(in: .whitespaces), !value.isEmpty else { return nil }
        if let seconds = Int(value) { return .seconds(max(0, seconds)) }
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss zzz"
        guard let date = formatter.date(from: value) else { return nil }
        return Duration(secondsValue: date.timeIntervalSince(now))
    }
}
