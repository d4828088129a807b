// The step figures of `GET /metrics`: step latency from each finished job's record, and
// retries and rate-limit waits from the connectors' HTTP attempts (the layer that makes them).
import RecipeConnectors
import RecipeEngine

extension EngineMetrics {
    /// Observes a finished job's steps: one latency observation per step, by kind.
    public func jobRecorded(_ record: JobRecord) {
        for step in record.steps where step.status != .replayed {
            stepFinished(kind: step.kind.rawValue, seconds: step.duration.seconds)
        }
    }

    /// An observer for the connectors (`ConnectorSetup.load(observer:)`): counts each retried
    /// HTTP attempt and each attempt that waited for a rate limit, by connection.
    public func attemptObserver() -> AttemptObserver {
        { [self] request, attempts in
            for attempt in attempts {
                if attempt.retryReason != nil { stepRetried(connector: request.connection) }
                if attempt.throttled > .zero { rateLimitWaited(connector: request.connection) }
            }
        }
    }
}
