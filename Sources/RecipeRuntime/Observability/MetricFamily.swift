// One metric family's series, behind one lock. The hot path (a counter increment) is one
// dictionary lookup keyed by the label values under that lock: no string is built unless a
// label value is longer than the limit.
import Synchronization

/// The kind of a metric family, as its `# TYPE` line names it.
public enum MetricKind: String, Sendable {
    case counter, gauge, histogram
}

/// The observations of one histogram series: per-bucket counts (not cumulative; the render adds
/// them up), the sum and the count.
struct HistogramSeries {
    var buckets: [UInt64]
    var sum: Double = 0
    var count: UInt64 = 0

    init(bucketCount: Int) { buckets = Array(repeating: 0, count: bucketCount) }

    /// Counts `value` in bucket `index` (`buckets.count` for the +Inf bucket only).
    mutating func record(_ value: Double, bucket index: Int) {
        if index < buckets.count { buckets[index] += 1 }
        sum += value
        count += 1
    }
}

/// What a family holds: counters and gauges keep one number per series, histograms their
/// buckets; `folded` counts the updates that went to the overflow series.
struct FamilyState {
    var scalars: [[String]: Double] = [:]
    var histograms: [[String]: HistogramSeries] = [:]
    var folded: UInt64 = 0

    /// The series an update of `key` goes to: itself when the series exists or the family is
    /// under its limit; otherwise the overflow series, and the fold is counted.
    mutating func scalarKey(_ key: [String], family: MetricFamily) -> [String] {
        if scalars[key] != nil || scalars.count < family.maxSeries { return key }
        folded += 1
        return family.overflowKey
    }

    /// `scalarKey` for histogram series.
    mutating func histogramKey(_ key: [String], family: MetricFamily) -> [String] {
        if histograms[key] != nil || histograms.count < family.maxSeries { return key }
        folded += 1
        return family.overflowKey
    }
}

/// A named family of series sharing a kind, help text and label names.
final class MetricFamily: Sendable {
    let name: String
    let help: String
    let kind: MetricKind
    let labelNames: [String]
    /// Histogram bucket upper bounds, increasing and finite (`+Inf` is implicit).
    let buckets: [Double]
    let maxSeries: Int
    let maxLabelValueLength: Int
    let state: Mutex<FamilyState>

    init(name: String, help: String, kind: MetricKind, labelNames: [String], buckets: [Double], maxSeries: Int, maxLabelValueLength: Int) {
        self.name = name
        self.help = help
        self.kind = kind
        self.labelNames = labelNames
        self.buckets = buckets
        self.maxSeries = maxSeries
        self.maxLabelValueLength = maxLabelValueLength
        var initial = FamilyState()
        // A family without labels has exactly one series, shown from the start (at zero).
        if labelNames.isEmpty {
            if kind == .histogram { initial.histograms[[]] = HistogramSeries(bucketCount: buckets.count) } else { initial.scalars[[]] = 0 }
        }
        state = Mutex(initial)
    }

    /// The label values every series beyond the limit is counted under.
    var overflowKey: [String] { Array(repeating: MetricsRegistry.overflowLabelValue, count: labelNames.count) }

    /// `values` checked for arity and cut to the label value length limit.
    func key(_ values: [String]) -> [String] {
        precondition(
            values.count == labelNames.count,
            "\(name) takes \(labelNames.count) label values (\(labelNames)), got \(values.count)")
        guard values.contains(where: { $0.utf8.count > maxLabelValueLength }) else { return values }
        return values.map { Self.cut($0, to: maxLabelValueLength) }
    }

    func add(_ amount: Double, to values: [String]) {
        let key = key(values)
        state.withLock { state in
            let target = state.scalarKey(key, family: self)
            state.scalars[target, default: 0] += amount
        }
    }

    func set(_ value: Double, for values: [String]) {
        let key = key(values)
        state.withLock { state in
            let target = state.scalarKey(key, family: self)
            state.scalars[target] = value
        }
    }

    func observe(_ value: Double, for values: [String]) {
        let key = key(values)
        // The first bucket whose bound is >= value; `buckets.count` stands for +Inf.
        var low = 0
        var high = buckets.count
        while low < high {
            let middle = (low + high) / 2
            if buckets[middle] >= value { high = middle } else { low = middle + 1 }
        }
        let index = low
        let bucketCount = buckets.count
        state.withLock { state in
            let target = state.histogramKey(key, family: self)
            state.histograms[target, default: HistogramSeries(bucketCount: bucketCount)].record(value, bucket: index)
        }
    }

    /// A label value longer than `limit` UTF-8 bytes, cut at a character boundary and marked `…`.
    static func cut(_ value: String, to limit: Int) -> String {
        var result = ""
        var bytes = 0
        for character in value {
            let size = character.utf8.count
            if bytes + size > limit - 3 { break }  // room for "…" (3 bytes)
            result.append(character)
            bytes += size
        }
        return result + "…"
    }
}
