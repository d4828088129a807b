// The text of one family in the exposition format 0.0.4, from a snapshot of its state.

/// Renders family snapshots as Prometheus text (see PrometheusText.swift for the rules).
enum MetricsRendering {
    static func family(_ family: MetricFamily, state: FamilyState) -> String {
        var text = header(name: family.name, help: family.help, kind: family.kind)
        switch family.kind {
        case .counter, .gauge:
            for key in state.scalars.keys.sorted(by: precedes) {
                text += sample(family.name, labels(family.labelNames, key), state.scalars[key] ?? 0)
            }
        case .histogram:
            for key in state.histograms.keys.sorted(by: precedes) {
                guard let series = state.histograms[key] else { continue }
                var cumulative: UInt64 = 0
                for (bound, count) in zip(family.buckets, series.buckets) {
                    cumulative += count
                    let le = labels(family.labelNames + ["le"], key + [PrometheusText.number(bound)])
                    text += sample(family.name + "_bucket", le, Double(cumulative))
                }
                let inf = labels(family.labelNames + ["le"], key + ["+Inf"])
                text += sample(family.name + "_bucket", inf, Double(series.count))
                text += sample(family.name + "_sum", labels(family.labelNames, key), series.sum)
                text += sample(family.name + "_count", labels(family.labelNames, key), Double(series.count))
            }
        }
        return text
    }

    /// The registry's own family: updates folded into overflow series, by family.
    static func folded(_ counts: [(family: String, count: UInt64)]) -> String {
        let name = MetricsRegistry.foldedSeriesFamily
        var text = header(
            name: name, help: "Updates counted in a family's overflow series because the family held its most series.",
            kind: .counter)
        for (family, count) in counts.sorted(by: { $0.family < $1.family }) {
            text += sample(name, labels(["family"], [family]), Double(count))
        }
        return text
    }

    static func header(name: String, help: String, kind: MetricKind) -> String {
        "# HELP \(name) \(PrometheusText.help(help))\n# TYPE \(name) \(kind.rawValue)\n"
    }

    static func sample(_ name: String, _ labels: String, _ value: Double) -> String {
        "\(name)\(labels) \(PrometheusText.number(value))\n"
    }

    /// `{a="x",b="y"}`, or nothing without labels.
    static func labels(_ names: [String], _ values: [String]) -> String {
        guard !names.isEmpty else { return "" }
        let pairs = zip(names, values).map { "\($0)=\"\(PrometheusText.labelValue($1))\"" }
        return "{" + pairs.joined(separator: ",") + "}"
    }

    /// Label value lists in lexicographic order, so a render is deterministic.
    static func precedes(_ a: [String], _ b: [String]) -> Bool {
        a.lexicographicallyPrecedes(b)
    }
}
