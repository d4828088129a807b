import RecipeRuntime
import Testing

@Suite struct MetricsSeriesLimitTests {
    /// (distinct label values sent, updates folded): the limit is 3 series.
    @Test(arguments: [(1, 0), (3, 0), (4, 1), (10, 7)])
    func seriesBeyondTheLimitFoldIntoOtherAndAreCounted(distinct: Int, folded: Int) {
        let registry = MetricsRegistry(maxSeriesPerFamily: 3)
        let deliveries = registry.counter("t_deliveries_total", help: "D.", labels: ["connection", "outcome"])
        for index in 0..<distinct { deliveries.increment(["c\(index)", "accepted"]) }

        let text = registry.render()
        let samples = text.split(separator: "\n").map(String.init).filter { $0.hasPrefix("t_deliveries_total{") }
        #expect(samples.count == min(distinct, 3) + (folded > 0 ? 1 : 0))
        for index in 0..<min(distinct, 3) {
            #expect(samples.contains("t_deliveries_total{connection=\"c\(index)\",outcome=\"accepted\"} 1"))
        }
        if folded > 0 {
            #expect(samples.contains("t_deliveries_total{connection=\"other\",outcome=\"other\"} \(folded)"))
            #expect(text.contains("recipes_metrics_series_folded_total{family=\"t_deliveries_total\"} \(folded)\n"))
        } else {
            #expect(!text.contains("\"other\""))
            #expect(!text.contains("recipes_metrics_series_folded_total{"))
        }
    }

    @Test func seriesThatExistKeepCountingWhenTheFamilyIsFull() {
        let registry = MetricsRegistry(maxSeriesPerFamily: 2)
        let jobs = registry.counter("t_jobs_total", help: "J.", labels: ["recipe"])
        jobs.increment(["a"])
        jobs.increment(["b"])
        jobs.increment(["new"])
        jobs.increment(["a"])
        jobs.increment(["b"], by: 5)
        #expect(jobs.value(["a"]) == 2)
        #expect(jobs.value(["b"]) == 6)
        #expect(jobs.value(["new"]) == 0)
        #expect(jobs.value(["other"]) == 1)
    }

    @Test func histogramsFoldTooAndEachFamilyHasItsOwnLimit() {
        let registry = MetricsRegistry(maxSeriesPerFamily: 1)
        let steps = registry.histogram("t_step_seconds", help: "S.", labels: ["kind"], buckets: [1])
        let retries = registry.counter("t_retries_total", help: "R.", labels: ["connector"])
        steps.observe(0.5, ["http"])
        steps.observe(2, ["map"])
        retries.increment(["hibob"])
        #expect(steps.count(["http"]) == 1)
        #expect(steps.count(["other"]) == 1)
        #expect(retries.value(["hibob"]) == 1)
        let text = registry.render()
        #expect(text.contains("t_step_seconds_bucket{kind=\"other\",le=\"+Inf\"} 1\n"))
        #expect(text.contains("recipes_metrics_series_folded_total{family=\"t_step_seconds\"} 1\n"))
        #expect(!text.contains("recipes_metrics_series_folded_total{family=\"t_retries_total\"}"))
    }
}
