import RecipeRuntime
import Testing

@Suite struct MetricsConcurrencyTests {
    @Test func incrementsFromManyTasksSumExactly() async {
        let registry = MetricsRegistry()
        let deliveries = registry.counter("t_deliveries_total", help: "D.", labels: ["connection", "outcome"])
        let steps = registry.histogram("t_step_seconds", help: "S.", labels: ["kind"], buckets: [0.5, 1])
        let depth = registry.gauge("t_depth", help: "Q.")
        let tasks = 32
        let rounds = 1_000
        await withTaskGroup(of: Void.self) { group in
            for task in 0..<tasks {
                group.addTask {
                    let connection = task % 2 == 0 ? "hibob" : "greenhouse"
                    for round in 0..<rounds {
                        deliveries.increment([connection, round % 4 == 0 ? "duplicate" : "accepted"])
                        steps.observe(round % 2 == 0 ? 0.25 : 0.75, ["http"])
                        depth.increment()
                        depth.decrement()
                    }
                }
            }
        }
        let perConnection = Double(tasks / 2 * rounds)
        #expect(deliveries.value(["hibob", "accepted"]) == perConnection * 3 / 4)
        #expect(deliveries.value(["hibob", "duplicate"]) == perConnection / 4)
        #expect(deliveries.value(["greenhouse", "accepted"]) == perConnection * 3 / 4)
        #expect(steps.count(["http"]) == UInt64(tasks * rounds))
        #expect(steps.sum(["http"]) == Double(tasks * rounds / 2) * 0.25 + Double(tasks * rounds / 2) * 0.75)
        #expect(registry.render().contains("t_step_seconds_bucket{kind=\"http\",le=\"0.5\"} \(tasks * rounds / 2)\n"))
        #expect(depth.value() == 0)
    }
}
