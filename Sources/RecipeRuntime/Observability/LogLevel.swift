// How severe a log line is, and the names of the events `recipes serve` logs.

/// A log line's severity; lines below an `EventLog`'s minimum level are not written.
public enum LogLevel: Int, Sendable, Comparable, CaseIterable {
    case debug, info, warning, error

    /// The `level=` value.
    public var name: String {
        switch self {
        case .debug: "debug"
        case .info: "info"
        case .warning: "warning"
        case .error: "error"
        }
    }

    public static func < (lhs: LogLevel, rhs: LogLevel) -> Bool { lhs.rawValue < rhs.rawValue }
}

/// The name of an event (the `event=` value): dotted words, subject first. The events of
/// `recipes serve` are named here so docs/observability.md and the code share the list; any
/// other name can be written as a string literal.
public struct LogEvent: RawRepresentable, Sendable, Hashable, ExpressibleByStringLiteral {
    public let rawValue: String

    public init(rawValue: String) { self.rawValue = rawValue }
    public init(stringLiteral value: String) { rawValue = value }

    /// A delivery was verified and stored.
    public static let deliveryAccepted: LogEvent = "delivery.accepted"
    /// A redelivery of a stored delivery was answered without a new job.
    public static let deliveryDuplicate: LogEvent = "delivery.duplicate"
    /// A delivery was refused (signature, size, malformed, unknown, overloaded).
    public static let deliveryRejected: LogEvent = "delivery.rejected"
    /// A worker claimed a job.
    public static let jobClaimed: LogEvent = "job.claimed"
    /// A job succeeded.
    public static let jobSucceeded: LogEvent = "job.succeeded"
    /// A job failed.
    public static let jobFailed: LogEvent = "job.failed"
    /// A job whose lease lapsed (a stop or crash) was taken up again from its journal.
    public static let jobResumed: LogEvent = "job.resumed"
    /// A schedule trigger fired and enqueued a job.
    public static let scheduleFired: LogEvent = "schedule.fired"
    /// The server is listening.
    public static let serverStarted: LogEvent = "server.started"
    /// The server is stopping (a signal, or the grace period began).
    public static let serverStopping: LogEvent = "server.stopping"
    /// Start-up recovery finished (unfinished jobs requeued, uncommitted deliveries resolved).
    public static let recoveryDone: LogEvent = "recovery.done"

    /// Every event `recipes serve` logs, in the order of docs/observability.md.
    public static let serveEvents: [LogEvent] = [
        .deliveryAccepted, .deliveryDuplicate, .deliveryRejected, .jobClaimed, .jobSucceeded, .jobFailed, .jobResumed,
        .scheduleFired, .serverStarted, .serverStopping, .recoveryDone,
    ]
}
