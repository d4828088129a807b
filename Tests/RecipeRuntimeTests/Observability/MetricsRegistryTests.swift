import Foundation
import RecipeRuntime
import Testing

@Suite struct MetricsRegistryTests {
    @Test func countersRenderOneSamplePerSeriesSortedByLabelValues() {
        let registry = MetricsRegistry()
        let requests = registry.counter("t_requests_total", help: "Requests.", labels: ["code", "method"])
        requests.increment(["500", "POST"])
        requests.increment(["200", "GET"])
        requests.increment(["200", "GET"], by: 2)
        #expect(
            registry.render() == """
                # HELP recipes_metrics_series_folded_total Updates counted in a family's overflow series because the family held its most series.
                # TYPE recipes_metrics_series_folded_total counter
                # HELP t_requests_total Requests.
                # TYPE t_requests_total counter
                t_requests_total{code="200",method="GET"} 3
                t_requests_total{code="500",method="POST"} 1

                """)
    }

    @Test func familiesWithoutLabelsRenderAtZeroFromTheStart() {
        let registry = MetricsRegistry()
        _ = registry.counter("t_b_total", help: "B.")
        _ = registry.gauge("t_a", help: "A.")
        _ = registry.counter("t_c_total", help: "C.", labels: ["x"])
        #expect(
            renderWithoutFolded(registry) == """
                # HELP t_a A.
                # TYPE t_a gauge
                t_a 0
                # HELP t_b_total B.
                # TYPE t_b_total counter
                t_b_total 0
                # HELP t_c_total C.
                # TYPE t_c_total counter

                """)
    }

    @Test func gaugesGoUpAndDownAndHelpIsEscaped() {
        let registry = MetricsRegistry()
        let queue = registry.gauge("t_queue", help: "Queue\\depth\nnow.")
        queue.set(5)
        queue.increment(by: 2)
        queue.decrement()
        let temperature = registry.gauge("t_temperature", help: "T.", labels: ["room"])
        temperature.set(-1.5, ["cellar"])
        #expect(queue.value() == 6)
        #expect(
            renderWithoutFolded(registry) == """
                # HELP t_queue Queue\\\\depth\\nnow.
                # TYPE t_queue gauge
                t_queue 6
                # HELP t_temperature T.
                # TYPE t_temperature gauge
                t_temperature{room="cellar"} -1.5

                """)
    }

    @Test func histogramBucketsAreCumulativeWithInfSumAndCount() {
        let registry = MetricsRegistry()
        let latency = registry.histogram("t_latency_seconds", help: "Latency.", labels: ["kind"], buckets: [0.25, 1, 2.5])
        for value in [0.25, 0.5, 2, 8] { latency.observe(value, ["http"]) }  // 0.25 sits on a bound: le is <=
        latency.observe(0.1, ["map"])
        latency.observe(.nan, ["map"])  // ignored
        #expect(latency.count(["http"]) == 4)
        #expect(latency.sum(["http"]) == 10.75)
        #expect(
            renderWithoutFolded(registry) == """
                # HELP t_latency_seconds Latency.
                # TYPE t_latency_seconds histogram
                t_latency_seconds_bucket{kind="http",le="0.25"} 1
                t_latency_seconds_bucket{kind="http",le="1"} 2
                t_latency_seconds_bucket{kind="http",le="2.5"} 3
                t_latency_seconds_bucket{kind="http",le="+Inf"} 4
                t_latency_seconds_sum{kind="http"} 10.75
                t_latency_seconds_count{kind="http"} 4
                t_latency_seconds_bucket{kind="map",le="0.25"} 1
                t_latency_seconds_bucket{kind="map",le="1"} 1
                t_latency_seconds_bucket{kind="map",le="2.5"} 1
                t_latency_seconds_bucket{kind="map",le="+Inf"} 1
                t_latency_seconds_sum{kind="map"} 0.1
                t_latency_seconds_count{kind="map"} 1

                """)
    }

    @Test func aHistogramWithoutLabelsRendersEmptyBucketsFromTheStart() {
        let registry = MetricsRegistry()
        _ = registry.histogram("t_commit_seconds", help: "Commits.", buckets: [0.005, 0.01])
        #expect(
            renderWithoutFolded(registry) == """
                # HELP t_commit_seconds Commits.
                # TYPE t_commit_seconds histogram
                t_commit_seconds_bucket{le="0.005"} 0
                t_commit_seconds_bucket{le="0.01"} 0
                t_commit_seconds_bucket{le="+Inf"} 0
                t_commit_seconds_sum 0
                t_commit_seconds_count 0

                """)
    }

    @Test func labelValuesAreEscapedInSamples() {
        let registry = MetricsRegistry()
        registry.counter("t_total", help: "T.", labels: ["name"]).increment(["a\"b\\c\nd"])
        #expect(renderWithoutFolded(registry).contains(#"t_total{name="a\"b\\c\nd"} 1"#))
    }

    @Test(arguments: [-1.0, .nan, .infinity])
    func countersIgnoreAmountsThatWouldNotIncreaseThemSanely(amount: Double) {
        let registry = MetricsRegistry()
        let counter = registry.counter("t_total", help: "T.")
        counter.increment(by: 2)
        counter.increment(by: amount)
        #expect(counter.value() == 2)
    }

    @Test func registeringAgainReturnsTheSameFamily() {
        let registry = MetricsRegistry()
        registry.counter("t_total", help: "T.", labels: ["x"]).increment(["a"])
        registry.counter("t_total", help: "T.", labels: ["x"]).increment(["a"])
        #expect(registry.counter("t_total", help: "T.", labels: ["x"]).value(["a"]) == 2)
        #expect(renderWithoutFolded(registry).components(separatedBy: "# TYPE t_total").count == 2)
    }

    @Test(arguments: [
        ("exactly10b", "exactly10b"), ("abcdefghijk", "abcdefg…"), ("ééééé", "ééééé"), ("éééééé", "ééé…"),
    ])
    func labelValuesLongerThanTheLimitAreCutAndMarked(value: String, expected: String) {
        let registry = MetricsRegistry(maxLabelValueLength: 10)
        let counter = registry.counter("t_total", help: "T.", labels: ["x"])
        counter.increment([value])
        #expect(renderWithoutFolded(registry).contains("t_total{x=\"\(expected)\"} 1"))
        #expect(counter.value([value]) == 1)  // looked up under the same cut value
    }
}
