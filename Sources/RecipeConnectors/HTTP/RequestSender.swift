// The per-connection request pipeline: rate limiter → credentials → transport → attempt record
// → retry decision. One re-authentication after a 401 (a fresh OAuth token) does not count as
// a retry.
import Foundation
import RecipeData
import RecipeEngine
import RecipeHTTPCore

/// Sends the requests of one connection.
final class RequestSender: Sendable {
    /// How a request may be repeated after an ambiguous failure (timeout, 5xx).
    enum Safety: Sendable {
        case safe
        case unsafe
        /// Repeat only after this check finds nothing (it returns the existing result, if any).
        case check(@Sendable () async throws(ConnectorError) -> JSONValue?)
    }

    enum Outcome: Sendable {
        case response(HTTPResponse)
        /// The dedupe check found the write already done; this is its result.
        case alreadyDone(JSONValue)
    }

    let client: any HTTPClient
    let authenticator: any Authenticator
    let bucket: TokenBucket?
    let policy: RetryPolicy
    let clock: any EngineClock
    let redactor: Redactor

    init(
        client: any HTTPClient, authenticator: any Authenticator, bucket: TokenBucket?, policy: RetryPolicy,
        clock: any EngineClock, redactor: Redactor
    ) {
        self.client = client
        self.authenticator = authenticator
        self.bucket = bucket
        self.policy = policy
        self.clock = clock
        self.redactor = redactor
    }

    func send(
        _ request: ClientRequest, purpose: String, safety: Safety, actionBucket: TokenBucket?, log: AttemptLog
    ) async throws(ConnectorError) -> Outcome {
        var attempt = 1
        var waited = Duration.zero
        var reauthenticated = false
        let shownURL = redactor.redact(url: request.url)
        while true {
            var outgoing = request
            let throttled = try await throttle(actionBucket)
            for field in try await authenticator.headers(log: log) { outgoing.headers.set(field.name, field.value) }
            let started = clock.now()
            var response: HTTPResponse?
            let outcome: AttemptOutcome
            do {
                let answer = try await client.send(outgoing)
                response = answer
                outcome = .status(answer.status, retryAfter: RetryAfter.parse(answer.headers["Retry-After"], now: clock.now()))
            } catch {
                outcome = .transport(error)
            }
            var failure: String?
            if case .transport(let error) = outcome { failure = error.description }
            log.append(
                AttemptRecord(
                    purpose: attempt == 1 ? purpose : "\(purpose) (attempt \(attempt))", method: request.method.rawValue,
                    url: shownURL, status: response?.status, failure: failure, throttled: throttled,
                    duration: Duration(secondsValue: clock.now().timeIntervalSince(started))))

            if response?.status == 401, !reauthenticated, await authenticator.invalidate() {
                reauthenticated = true
                log.markLastRetried(reason: "HTTP 401: re-authenticating once", delay: nil)
                continue
            }
            if let response, (200..<300).contains(response.status) { return .response(response) }
            if case .status(429, let retryAfter?) = outcome {
                // Other requests of the connection would be refused too; never for longer than
                // the client itself would wait.
                bucket?.pause(for: min(retryAfter, policy.settings.maxRetryAfter))
            }

            let retrySafe: Bool
            let idempotent: Bool
            switch safety {
            case .safe: (retrySafe, idempotent) = (true, true)
            case .check: (retrySafe, idempotent) = (true, false)
            case .unsafe: (retrySafe, idempotent) = (false, false)
            }
            switch policy.decide(outcome, attempt: attempt, retrySafe: retrySafe, idempotent: idempotent, waited: waited) {
            case .stop:
                if let response { return .response(response) }
                guard case .transport(let error) = outcome else { preconditionFailure("no response without a transport error") }
                throw connectorError(error, method: request.method.rawValue, url: shownURL)
            case .retry(let delay, let reason):
                log.markLastRetried(reason: reason, delay: delay)
                do {
                    try await clock.sleep(for: delay)
                } catch {
                    throw ConnectorError(.timeout, "cancelled while waiting to retry \(request.method.rawValue) \(shownURL)", retryable: false)
                }
                if case .check(let check) = safety, Self.isAmbiguous(outcome), let existing = try await check() {
                    return .alreadyDone(existing)
                }
                waited += delay
                attempt += 1
            }
        }
    }

    private func throttle(_ actionBucket: TokenBucket?) async throws(ConnectorError) -> Duration {
        do {
            var waited = Duration.zero
            if let bucket { waited += try await bucket.acquire() }
            if let actionBucket { waited += try await actionBucket.acquire() }
            return waited
        } catch {
            throw ConnectorError(.timeout, "cancelled while waiting for the rate limiter", retryable: false)
        }
    }

    /// The vendor may have processed the request although it failed.
    static func isAmbiguous(_ outcome: AttemptOutcome) -> Bool {
        switch outcome {
        case .status(let status, _): return status != 429 && status != 503
        case .transport(let error): return error.kind == .timeout || error.kind == .network || error.kind == .malformedResponse
        }
    }

    private func connectorError(_ error: TransportError, method: String, url: String) -> ConnectorError {
        let message = redactor.redact("\(method) \(url): \(error.description)")
        switch error.kind {
        case .timeout: return ConnectorError(.timeout, message)
        case .cannotConnect, .network, .malformedResponse: return ConnectorError(.network, message)
        case .invalidURL: return ConnectorError(.invalidRequest, message)
        case .responseTooLarge: return ConnectorError(.http, message, retryable: false)
        }
    }
}
