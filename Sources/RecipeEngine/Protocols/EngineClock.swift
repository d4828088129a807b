import Foundation

/// Where the engine gets time: job timestamps, retry backoff, timeouts (and later the
/// scheduler and debounce). Tests inject a clock that advances instantly.
public protocol EngineClock: Sendable {
    func now() -> Date
    /// Waits; throws `CancellationError` when the task is cancelled.
    func sleep(for duration: Duration) async throws
}

/// The real clock.
public struct SystemClock: EngineClock {
    public init() {}
    public func now() -> Date { Date() }
    public func sleep(for duration: Duration) async throws { try await Task.sleep(for: duration) }
}
