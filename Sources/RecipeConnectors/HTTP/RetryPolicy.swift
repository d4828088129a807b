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
    ///   - idempotent: the request may be repeated as it is (a read, a PUT).
    ///   - waited: the time already spent waiting between attempts of this request.
    func decide(_ outcome: AttemptOutcome, attempt: Int, retrySafe: Bool, idempotent: Bool, waited: Duration) -> Decision {
        let refused = Self.refusedBeforeProcessing(outcome)
        let repeatable = idempotent || refused
        guard attempt < (repeatable ? max(settings.maxSafeAttempts, settings.maxAttempts) : settings.maxAttempts) else {
            return .stop
        }
        guard case .retry(let delay, let reason) = proposal(outcome, attempt: attempt, retrySafe: retrySafe) else { return .stop }
        if attempt >= settings.maxAttempts, waited + delay > settings.safeRetryBudget { return .stop }
        return .retry(after: delay, reason: reason)
    }

    /// 429 and 503 mean the vendor refused the request before processing it (RFC 6585 §4,
    /// RFC 9110 §15.6.4): safe to repeat whatever the method.
    static func refusedBeforeProcessing(_ outcome: AttemptOutcome) -> Bool {
        if case .status(let status, _) = outcome { return status == 429 || status == 503 }
        return false
    }

    /// What to do about this outcome, before the attempt and time limits.
    private func proposal(_ outcome: AttemptOutcome, attempt: Int, retrySafe: Bool) -> Decision {
        switch outcome {
        case .status(let status, let retryAfter) where status == 429 || status == 503:
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
            case .timeout, .network, .malformedResponse:
                return retrySafe ? .retry(after: backoff(attempt), reason: error.kind.rawValue) : .stop
            case .invalidURL, .responseTooLarge: return .stop
            }
        }
    }

    /// Exponential: base × 2^(attempt−1), at most `maxDelay`, then jittered.
    func backoff(_ attempt: Int) -> Duration {
        let factor = Double(1 << min(max(attempt - 1, 0), 20))
        return jitter(Duration(secondsValue: min(settings.baseDelay.seconds * factor, settings.maxDelay.seconds)))
    }
}
