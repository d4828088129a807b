// The metric families of `recipes serve` (issue 8), predefined with their names, help texts,
// labels and buckets, behind methods named for what happened. docs/observability.md lists the
// same families; the tests render them.
import RecipeStore

/// The engine's metrics: deliveries, jobs, steps, the queue, retries, rate-limit waits and
/// store commits, over one `MetricsRegistry`.
public final class EngineMetrics: Sendable {
    /// How the intake answered a webhook delivery (the `outcome` label).
    public enum DeliveryOutcome: String, Sendable, CaseIterable {
        /// Verified, stored, answered 200.
        case accepted
        /// A redelivery of a delivery already stored, answered 200 without a new job.
        case duplicate
        /// The vendor's test delivery.
        case ping
        /// The signature was missing or wrong.
        case rejectedSignature = "rejected_signature"
        /// The body or headers could not be read.
        case malformed
        /// The body was over the size limit.
        case tooLarge = "too_large"
        /// No such folder or connection.
        case unknown
        /// Answered 503 because the intake backlog was full.
        case overloaded
    }

    /// The `connection` label of deliveries whose connection is not a configured one.
    public static let noConnection = "none"
    /// Step duration bucket bounds, seconds: vendor calls take from milliseconds to a minute.
    public static let stepDurationBuckets: [Double] = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60]
    /// Store commit bucket bounds, seconds: a synced transaction takes from 0.1 ms to a second.
    public static let storeCommitBuckets: [Double] = [0.0001, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1]
    /// Intake batch size bucket bounds, deliveries: powers of two up to the default batch limit.
    public static let intakeBatchSizeBuckets: [Double] = [1, 2, 4, 8, 16, 32, 64, 128, 256, 512]

    /// The registry the families live in (render it for `GET /metrics`).
    public let registry: MetricsRegistry
    let deliveries: MetricCounter
    let jobs: MetricCounter
    let stepDuration: MetricHistogram
    let queueDepth: MetricGauge
    let stepRetries: MetricCounter
    let rateLimitWaits: MetricCounter
    let storeCommit: MetricHistogram
    let intakeBatchSize: MetricHistogram

    /// Registers the engine's families in `registry`.
    public init(registry: MetricsRegistry = MetricsRegistry()) {
        self.registry = registry
        deliveries = registry.counter(
            "recipes_deliveries_total", help: "Webhook deliveries answered, by connection and outcome.",
            labels: ["connection", "outcome"])
        jobs = registry.counter("recipes_jobs_total", help: "Jobs finished, by recipe and final status.", labels: ["recipe", "status"])
        stepDuration = registry.histogram(
            "recipes_step_duration_seconds", help: "How long steps took, by step kind.", labels: ["kind"],
            buckets: Self.stepDurationBuckets)
        queueDepth = registry.gauge("recipes_queue_depth", help: "Jobs queued and not yet claimed.")
        stepRetries = registry.counter(
            "recipes_step_retries_total", help: "Vendor requests retried, by connector.", labels: ["connector"])
        rateLimitWaits = registry.counter(
            "recipes_rate_limit_waits_total", help: "Waits before a request because of a vendor's rate limit, by connector.",
            labels: ["connector"])
        storeCommit = registry.histogram(
            "recipes_store_commit_duration_seconds", help: "How long store commits (one transaction and sync) took.",
            buckets: Self.storeCommitBuckets)
        intakeBatchSize = registry.histogram(
            "recipes_intake_batch_size", help: "Deliveries committed together by one intake commit.",
            buckets: Self.intakeBatchSizeBuckets)
    }

    /// A delivery was answered. Pass `connection` only when it is a configured connection
    /// (`nil` otherwise, counted under `noConnection`), so a stranger's URLs make no series.
    public func deliveryAnswered(connection: String?, outcome: DeliveryOutcome) {
        deliveries.increment([connection ?? Self.noConnection, outcome.rawValue])
    }

    /// A job reached a final status.
    public func jobFinished(recipe: String, status: StoredJobStatus) {
        jobs.increment([recipe, status.rawValue])
    }

    /// A step of this kind finished after `seconds`.
    public func stepFinished(kind: String, seconds: Double) {
        stepDuration.observe(seconds, [kind])
    }

    /// The number of queued jobs is now `depth`.
    public func queueDepthChanged(to depth: Int) {
        queueDepth.set(Double(depth))
    }

    /// A request of this connector was retried.
    public func stepRetried(connector: String) {
        stepRetries.increment([connector])
    }

    /// A request of this connector waited for the vendor's rate limit.
    public func rateLimitWaited(connector: String) {
        rateLimitWaits.increment([connector])
    }

    /// The store committed a transaction in `seconds`; `deliveries` > 0 when it was an intake
    /// batch of that many deliveries (observed in the batch size histogram too).
    public func storeCommitted(seconds: Double, deliveries: Int = 0) {
        storeCommit.observe(seconds)
        if deliveries > 0 { intakeBatchSize.observe(Double(deliveries)) }
    }

    /// The text of `GET /metrics` (see `MetricsRegistry.render()` and `PrometheusText.contentType`).
    public func render() -> String { registry.render() }
}
