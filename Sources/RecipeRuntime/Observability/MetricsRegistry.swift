// The metrics of one process, rendered for `GET /metrics` in the Prometheus text format 0.0.4
// (the rules are quoted in PrometheusText.swift).
//
// Label values come partly from outside: recipe names and connections from project files,
// folders and connections from webhook URLs. So every family holds at most `maxSeriesPerFamily`
// series (combinations of label values). Once it is full, updates of a new combination go to
// one overflow series whose every label value is `other`, and each such update is counted in
// `recipes_metrics_series_folded_total{family}`; the series that already exist keep counting.
// A family therefore renders at most `maxSeriesPerFamily + 1` series. Label values longer than
// `maxLabelValueLength` bytes are cut and marked `…`. Names, label names and the number of label
// values per update are fixed by the code, so a wrong one traps (a programming error).
import Synchronization

/// The metric families of one process and their text rendering.
public final class MetricsRegistry: Sendable {
    /// Series (label value combinations) one family holds at most by default, besides the
    /// overflow series.
    public static let defaultMaxSeriesPerFamily = 1_000
    /// The longest label value by default, in UTF-8 bytes, before it is cut and marked `…`.
    public static let defaultMaxLabelValueLength = 200
    /// The value of every label of the overflow series.
    public static let overflowLabelValue = "other"
    /// The family counting updates folded into overflow series, by family name.
    public static let foldedSeriesFamily = "recipes_metrics_series_folded_total"

    /// This registry's series limit per family.
    public let maxSeriesPerFamily: Int
    /// This registry's label value length limit, in UTF-8 bytes.
    public let maxLabelValueLength: Int
    private let families: Mutex<[String: MetricFamily]>

    public init(maxSeriesPerFamily: Int = defaultMaxSeriesPerFamily, maxLabelValueLength: Int = defaultMaxLabelValueLength) {
        precondition(maxSeriesPerFamily >= 1 && maxLabelValueLength >= 8)
        self.maxSeriesPerFamily = maxSeriesPerFamily
        self.maxLabelValueLength = maxLabelValueLength
        families = Mutex([:])
    }

    /// The counter family `name` with these label names, registered on first use. Asking again
    /// with the same name, kind and labels returns the same family; anything else is a
    /// programming error and traps.
    public func counter(_ name: String, help: String, labels: [String] = []) -> MetricCounter {
        MetricCounter(family: register(name, help: help, kind: .counter, labels: labels, buckets: []))
    }

    /// The gauge family `name` with these label names, registered on first use.
    public func gauge(_ name: String, help: String, labels: [String] = []) -> MetricGauge {
        MetricGauge(family: register(name, help: help, kind: .gauge, labels: labels, buckets: []))
    }

    /// The histogram family `name` with these label names and bucket upper bounds (finite,
    /// strictly increasing; `+Inf` is added), registered on first use.
    public func histogram(_ name: String, help: String, labels: [String] = [], buckets: [Double]) -> MetricHistogram {
        precondition(buckets.allSatisfy(\.isFinite), "\(name): bucket bounds must be finite (+Inf is implicit)")
        precondition(zip(buckets, buckets.dropFirst()).allSatisfy { $0 < $1 }, "\(name): bucket bounds must increase")
        return MetricHistogram(family: register(name, help: help, kind: .histogram, labels: labels, buckets: buckets))
    }

    private func register(_ name: String, help: String, kind: MetricKind, labels: [String], buckets: [Double]) -> MetricFamily {
        precondition(PrometheusText.isMetricName(name), "invalid metric name \(name)")
        precondition(name != Self.foldedSeriesFamily, "\(name) is the registry's own family")
        for label in labels { precondition(PrometheusText.isLabelName(label), "\(name): invalid label name \(label)") }
        precondition(Set(labels).count == labels.count, "\(name): repeated label name")
        return families.withLock { families in
            if let existing = families[name] {
                precondition(
                    existing.kind == kind && existing.labelNames == labels && existing.buckets == buckets,
                    "\(name) is already registered with another kind, labels or buckets")
                return existing
            }
            let family = MetricFamily(
                name: name, help: help, kind: kind, labelNames: labels, buckets: buckets, maxSeries: maxSeriesPerFamily,
                maxLabelValueLength: maxLabelValueLength)
            families[name] = family
            return family
        }
    }

    /// Every family in the text exposition format 0.0.4: families sorted by name, each with its
    /// `# HELP` and `# TYPE` lines, series sorted by label values; the text ends with a line feed.
    public func render() -> String {
        let all = families.withLock { Array($0.values) }
        var blocks: [(name: String, text: String)] = []
        var folded: [(family: String, count: UInt64)] = []
        for family in all {
            let state = family.state.withLock { $0 }
            blocks.append((family.name, MetricsRendering.family(family, state: state)))
            if state.folded > 0 { folded.append((family.name, state.folded)) }
        }
        blocks.append((Self.foldedSeriesFamily, MetricsRendering.folded(folded)))
        blocks.sort { $0.name < $1.name }
        return blocks.map(\.text).joined()
    }
}
