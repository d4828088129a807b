// The Prometheus text exposition format, version 0.0.4
// (https://prometheus.io/docs/instrumenting/exposition_formats/). The rules this file and
// `MetricsRegistry.render()` rely on, quoted or paraphrased from that page:
//
// - "Lines are separated by a line feed character (\n). The last line must end with a line
//   feed character. Empty lines are ignored."
// - "# HELP metric_name docstring": "Only one HELP line may exist for any given metric name."
//   In the docstring, "backslash and line feed characters have to be escaped as \\ and \n".
// - "# TYPE metric_name type": type is one of counter, gauge, histogram, summary, untyped.
//   "Only one TYPE line may exist for a given metric name. The TYPE line for a metric name must
//   appear before the first sample is reported for that metric name."
// - A sample: `metric_name [ "{" label_name "=" `"` label_value `"` { "," ... } [ "," ] "}" ]
//   value [ timestamp ]`. "label_value can be any sequence of UTF-8 characters, but the
//   backslash (\), double-quote ("), and line feed (\n) characters have to be escaped as \\,
//   \", and \n, respectively."
// - "value is a float represented as required by Go's ParseFloat() function. In addition to
//   standard numerical values, NaN, +Inf, and -Inf are valid values".
// - "All lines for a given metric must be provided as one single group, with the optional HELP
//   and TYPE lines first (in no particular order)."
// - Histograms: "Each bucket count of a histogram named x is given as a separate sample line
//   with the name x_bucket and a label {le="y"} (where y is the upper bound of the bucket)."
//   "A histogram must have a bucket with {le="+Inf"}. Its value must be identical to the value
//   of x_count." "The buckets of a histogram ... must appear in increasing numerical order of
//   their label values (for the le ...)." "The sum of observed values [is] x_sum", "the count
//   of events that have been observed [is] x_count". Bucket counts are cumulative (each counts
//   every observation less than or equal to its bound).
// - Metric names match `[a-zA-Z_:][a-zA-Z0-9_:]*`, label names `[a-zA-Z_][a-zA-Z0-9_]*`, and
//   label names starting with `__` are reserved (https://prometheus.io/docs/concepts/data_model/).
//
// The content type served with this text is `PrometheusText.contentType`.

/// Rendering names, label values and numbers in the Prometheus text format 0.0.4.
public enum PrometheusText {
    /// The `Content-Type` of a `/metrics` answer in this format.
    public static let contentType = "text/plain; version=0.0.4; charset=utf-8"

    /// A number as Go's `ParseFloat` reads it: `NaN`, `+Inf`, `-Inf`; integral values below
    /// 2^53 without a fraction or exponent (`3`, `-1`); others in their shortest exact form
    /// (`0.005`, `2.5`, `1e-07`).
    public static func number(_ value: Double) -> String {
        if value.isNaN { return "NaN" }
        if value.isInfinite { return value > 0 ? "+Inf" : "-Inf" }
        if value == value.rounded(.towardZero), abs(value) < 9_007_199_254_740_992 {
            return String(Int64(value))
        }
        return value.description
    }

    /// A label value with `\`, `"` and line feed escaped as `\\`, `\"` and `\n`.
    public static func labelValue(_ value: String) -> String {
        guard value.utf8.contains(where: { $0 == UInt8(ascii: "\\") || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\n") })
        else { return value }
        var result = ""
        result.reserveCapacity(value.utf8.count + 8)
        for character in value.unicodeScalars {
            switch character {
            case "\\": result += "\\\\"
            case "\"": result += "\\\""
            case "\n": result += "\\n"
            default: result.unicodeScalars.append(character)
            }
        }
        return result
    }

    /// A HELP docstring with `\` and line feed escaped as `\\` and `\n`.
    public static func help(_ text: String) -> String {
        var result = ""
        for character in text.unicodeScalars {
            switch character {
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            default: result.unicodeScalars.append(character)
            }
        }
        return result
    }

    /// Whether `name` is a valid metric name: `[a-zA-Z_:][a-zA-Z0-9_:]*`.
    public static func isMetricName(_ name: String) -> Bool {
        guard let first = name.unicodeScalars.first, isLetter(first) || first == "_" || first == ":" else { return false }
        return name.unicodeScalars.allSatisfy { isLetter($0) || isDigit($0) || $0 == "_" || $0 == ":" }
    }

    /// Whether `name` is a valid label name: `[a-zA-Z_][a-zA-Z0-9_]*`, not starting with `__`
    /// (reserved), and not `le` (the histogram bucket label).
    public static func isLabelName(_ name: String) -> Bool {
        guard let first = name.unicodeScalars.first, isLetter(first) || first == "_" else { return false }
        guard !name.hasPrefix("__"), name != "le" else { return false }
        return name.unicodeScalars.allSatisfy { isLetter($0) || isDigit($0) || $0 == "_" }
    }

    private static func isLetter(_ scalar: Unicode.Scalar) -> Bool {
        ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar)
    }

    private static func isDigit(_ scalar: Unicode.Scalar) -> Bool { ("0"..."9").contains(scalar) }
}
