// A handle on a gauge family: values that go up and down (queue depth).

/// A gauge family: a current value, one per combination of label values.
///
/// Obtained from `MetricsRegistry.gauge(_:help:labels:)`; copies share the same series.
public struct MetricGauge: Sendable {
    let family: MetricFamily

    /// The family's name.
    public var name: String { family.name }

    /// Sets the series with these label values to `value`.
    public func set(_ value: Double, _ labels: [String] = []) {
        family.set(value, for: labels)
    }

    /// Adds `amount` (1 by default) to the series with these label values.
    public func increment(_ labels: [String] = [], by amount: Double = 1) {
        family.add(amount, to: labels)
    }

    /// Subtracts `amount` (1 by default) from the series with these label values.
    public func decrement(_ labels: [String] = [], by amount: Double = 1) {
        family.add(-amount, to: labels)
    }

    /// The current value of the series with these label values (0 when it has none).
    public func value(_ labels: [String] = []) -> Double {
        let key = family.key(labels)
        return family.state.withLock { $0.scalars[key] ?? 0 }
    }
}
