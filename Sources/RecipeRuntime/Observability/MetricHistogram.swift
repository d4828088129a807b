// A handle on a histogram family: observations counted in fixed buckets.

/// A histogram family: observations counted in buckets with fixed upper bounds, plus their sum
/// and count, one set per combination of label values.
///
/// Obtained from `MetricsRegistry.histogram(_:help:labels:buckets:)`; copies share the same series.
public struct MetricHistogram: Sendable {
    let family: MetricFamily

    /// The family's name.
    public var name: String { family.name }

    /// The bucket upper bounds, increasing (the `+Inf` bucket is implicit).
    public var buckets: [Double] { family.buckets }

    /// Counts `value` in the series with these label values: in the first bucket whose bound is
    /// at least `value` (and so, cumulatively, in every larger one), in the sum and in the
    /// count. NaN is ignored (it would make the sum NaN for good).
    public func observe(_ value: Double, _ labels: [String] = []) {
        guard !value.isNaN else { return }
        family.observe(value, for: labels)
    }

    /// How many observations the series with these label values holds (0 when it has none).
    public func count(_ labels: [String] = []) -> UInt64 {
        let key = family.key(labels)
        return family.state.withLock { $0.histograms[key]?.count ?? 0 }
    }

    /// The sum of the observations of the series with these label values.
    public func sum(_ labels: [String] = []) -> Double {
        let key = family.key(labels)
        return family.state.withLock { $0.histograms[key]?.sum ?? 0 }
    }
}
