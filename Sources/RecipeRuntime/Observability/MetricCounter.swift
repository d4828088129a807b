// A handle on a counter family: increments go straight to the family's series.

/// A counter family: monotonically increasing totals, one per combination of label values.
///
/// Obtained from `MetricsRegistry.counter(_:help:labels:)`; copies share the same series.
public struct MetricCounter: Sendable {
    let family: MetricFamily

    /// The family's name.
    public var name: String { family.name }

    /// Adds `amount` (1 by default) to the series with these label values, given in the order
    /// of the family's label names. Negative, NaN and infinite amounts are ignored: a counter
    /// only goes up.
    public func increment(_ labels: [String] = [], by amount: Double = 1) {
        guard amount >= 0, amount.isFinite else { return }
        family.add(amount, to: labels)
    }

    /// The current value of the series with these label values (0 when it has none), for tests
    /// and diagnostics; values beyond the series limit are under `MetricsRegistry.overflowLabelValue`.
    public func value(_ labels: [String] = []) -> Double {
        let key = family.key(labels)
        return family.state.withLock { $0.scalars[key] ?? 0 }
    }
}
