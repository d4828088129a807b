import Foundation
import RecipeConnectors
import RecipeEngine
import RecipeModel
import RecipeRuntime
import Testing

@Suite struct EngineMetricsStepTests {
    /// Retries and rate-limit waits come from the connectors' attempts, by connection.
    @Test func theAttemptObserverCountsRetriesAndRateLimitWaits() {
        let metrics = EngineMetrics()
        let observe = metrics.attemptObserver()
        let request = ActionRequest(connection: "docebo", action: "create_user", input: [:], jobID: "j", path: StepPath([]))
        observe(request, [
            AttemptRecord(purpose: "action", method: "POST", url: "u", status: 503, throttled: .milliseconds(5), duration: .milliseconds(3), retryReason: "503"),
            AttemptRecord(purpose: "action", method: "POST", url: "u", status: 503, duration: .milliseconds(3), retryReason: "503"),
            AttemptRecord(purpose: "action", method: "POST", url: "u", status: 200, duration: .milliseconds(3)),
        ])
        let text = metrics.render()
        #expect(text.contains(#"recipes_step_retries_total{connector="docebo"} 2"#))
        #expect(text.contains(#"recipes_rate_limit_waits_total{connector="docebo"} 1"#))
    }
}
