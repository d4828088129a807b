import RecipeRuntime
import RecipeStore
import Testing

@Suite struct EngineMetricsTests {
    @Test func everyFamilyIsPredefinedInNameOrder() {
        let text = EngineMetrics().render()
        let types = text.split(separator: "\n").filter { $0.hasPrefix("# TYPE ") }
        #expect(
            types == [
                "# TYPE recipes_deliveries_total counter",
                "# TYPE recipes_intake_batch_size histogram",
                "# TYPE recipes_jobs_total counter",
                "# TYPE recipes_metrics_series_folded_total counter",
                "# TYPE recipes_queue_depth gauge",
                "# TYPE recipes_rate_limit_waits_total counter",
                "# TYPE recipes_step_duration_seconds histogram",
                "# TYPE recipes_step_retries_total counter",
                "# TYPE recipes_store_commit_duration_seconds histogram",
            ])
    }

    @Test(arguments: EngineMetrics.DeliveryOutcome.allCases)
    func deliveriesAreCountedByConnectionAndOutcome(outcome: EngineMetrics.DeliveryOutcome) {
        let metrics = EngineMetrics()
        metrics.deliveryAnswered(connection: "hibob", outcome: outcome)
        metrics.deliveryAnswered(connection: "hibob", outcome: outcome)
        metrics.deliveryAnswered(connection: nil, outcome: outcome)
        let text = metrics.render()
        #expect(text.contains("recipes_deliveries_total{connection=\"hibob\",outcome=\"\(outcome.rawValue)\"} 2\n"))
        #expect(text.contains("recipes_deliveries_total{connection=\"none\",outcome=\"\(outcome.rawValue)\"} 1\n"))
    }

    @Test func outcomeLabelsAreTheDocumentedOnes() {
        #expect(
            EngineMetrics.DeliveryOutcome.allCases.map(\.rawValue) == [
                "accepted", "duplicate", "ping", "rejected_signature", "malformed", "too_large", "unknown", "overloaded",
            ])
    }

    @Test func eventsLandInTheirFamilies() {
        let metrics = EngineMetrics()
        metrics.jobFinished(recipe: "hibob-docebo/sync", status: .succeeded)
        metrics.jobFinished(recipe: "hibob-docebo/sync", status: .failed)
        metrics.stepFinished(kind: "http", seconds: 0.2)
        metrics.queueDepthChanged(to: 7)
        metrics.stepRetried(connector: "docebo")
        metrics.rateLimitWaited(connector: "docebo")
        metrics.rateLimitWaited(connector: "docebo")
        metrics.storeCommitted(seconds: 0.003, deliveries: 12)
        metrics.storeCommitted(seconds: 0.0002)
        let lines = Set(metrics.render().split(separator: "\n").map(String.init))
        let expected = [
            "recipes_jobs_total{recipe=\"hibob-docebo/sync\",status=\"succeeded\"} 1",
            "recipes_jobs_total{recipe=\"hibob-docebo/sync\",status=\"failed\"} 1",
            "recipes_step_duration_seconds_bucket{kind=\"http\",le=\"0.1\"} 0",
            "recipes_step_duration_seconds_bucket{kind=\"http\",le=\"0.25\"} 1",
            "recipes_step_duration_seconds_count{kind=\"http\"} 1",
            "recipes_queue_depth 7",
            "recipes_step_retries_total{connector=\"docebo\"} 1",
            "recipes_rate_limit_waits_total{connector=\"docebo\"} 2",
            "recipes_store_commit_duration_seconds_bucket{le=\"0.0001\"} 0",
            "recipes_store_commit_duration_seconds_bucket{le=\"0.0005\"} 1",
            "recipes_store_commit_duration_seconds_bucket{le=\"0.0025\"} 1",
            "recipes_store_commit_duration_seconds_bucket{le=\"0.005\"} 2",
            "recipes_store_commit_duration_seconds_count 2",
            "recipes_intake_batch_size_bucket{le=\"8\"} 0",
            "recipes_intake_batch_size_bucket{le=\"16\"} 1",
            "recipes_intake_batch_size_count 1",
            "recipes_intake_batch_size_sum 12",
        ]
        for line in expected { #expect(lines.contains(line), "\(line)") }
    }
}
