// What the job trace shows of each HTTP exchange: enough to see what was called, how it went
// and why it was retried, and nothing secret (URLs and messages pass through the `Redactor`).
import RecipeData
import RecipeModel
import Synchronization

/// One HTTP attempt made while performing an action.
public struct AttemptRecord: Sendable, Hashable {
    /// Why the request was made: `"action"`, `"token"`, `"check"`, `"page 2"`...
    public var purpose: String
    public var method: String
    /// The URL with secrets removed.
    public var url: String
    /// The HTTP status, or nil when no response arrived.
    public var status: Int?
    /// The transport failure, when no response arrived.
    public var failure: String?
    /// Time spent waiting for the rate limiter before sending.
    public var throttled: Duration
    /// Time from sending to the complete response (or the failure).
    public var duration: Duration
    /// Why this attempt was followed by another one, if it was.
    public var retryReason: String?
    /// The delay before the next attempt, if any.
    public var retryDelay: Duration?

    public init(
        purpose: String, method: String, url: String, status: Int?, failure: String? = nil, throttled: Duration = .zero,
        duration: Duration, retryReason: String? = nil, retryDelay: Duration? = nil
    ) {
        self.purpose = purpose
        self.method = method
        self.url = url
        self.status = status
        self.failure = failure
        self.throttled = throttled
        self.duration = duration
        self.retryReason = retryReason
        self.retryDelay = retryDelay
    }

    /// The record as JSON, for the job trace and error details.
    public var json: JSONValue {
        var object: JSONObject = ["purpose": .string(purpose), "method": .string(method), "url": .string(url)]
        object["status"] = status.map { .int($0) } ?? .null
        if let failure { object["failure"] = .string(failure) }
        object["durationMs"] = .int(Int(duration.milliseconds))
        if throttled > .zero { object["throttledMs"] = .int(Int(throttled.milliseconds)) }
        if let retryReason { object["retryReason"] = .string(retryReason) }
        if let retryDelay { object["retryDelayMs"] = .int(Int(retryDelay.milliseconds)) }
        return .object(object)
    }
}

/// Collects the attempts of one action call (shared with the authenticator for token requests).
final class AttemptLog: Sendable {
    private let state = Mutex<[AttemptRecord]>([])

    var records: [AttemptRecord] { state.withLock { $0 } }

    func append(_ record: AttemptRecord) { state.withLock { $0.append(record) } }

    /// Marks the last record as retried.
    func markLastRetried(reason: String, delay: Duration?) {
        state.withLock { records in
            guard !records.isEmpty else { return }
            records[records.count - 1].retryReason = reason
            records[records.count - 1].retryDelay = delay
        }
    }
}
