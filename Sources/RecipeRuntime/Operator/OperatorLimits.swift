// The named limits of the operator commands (`recipes jobs`, `job`, `deliveries`, `status`,
// `start`, `stop`, `rerun`, `webhooks`) and of the admin API that answers the same questions.

/// Bounds on what an operator may ask for, so one request cannot read the whole store.
public enum OperatorLimits {
    /// The most rows `--limit` may ask for (jobs, deliveries).
    public static let maxListLimit = 10_000
    /// Rows listed when `--limit` is not given.
    public static let defaultListLimit = 50
    /// The longest relative `--since` (`400d` is refused): a year and a day, in ms.
    public static let maxRelativeSince: Int64 = 366 * 24 * 3600 * 1000
    /// The window `recipes status` counts failures in: 24 hours, in ms.
    public static let failureWindow: Int64 = 24 * 3600 * 1000
    /// The most failures `recipes status` counts per recipe (shown as `10000+` beyond).
    public static let maxCountedFailures = 10_000
    /// The most children `recipes job` lists for one job.
    public static let maxChildren = 10_000
    /// The most jobs `recipes deliveries` names per delivery.
    public static let maxJobsPerDelivery = 100
}

/// Operator input that does not parse (a `--since`, a job id, a status name): the message
/// says what was expected.
public struct OperatorInputError: Error, Sendable, Equatable, CustomStringConvertible {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}
