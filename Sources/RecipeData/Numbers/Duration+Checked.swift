// Durations computed from numbers the engine did not choose: a vendor's `Retry-After`, a mocks
// file, a recipe's "5m", clock arithmetic. `Duration`'s own initialisers trap when an Int64
// overflows (`.nanoseconds(Int64(1e16 * 1e9))`, `.seconds(n * 86400)`); every such conversion
// goes through here instead and saturates.

extension Duration {
    /// The longest duration the engine measures (about 34,800 years): past any real wait or
    /// step, far inside what 64-bit seconds hold. The bound for durations measured with a
    /// clock that may jump.
    public static let saturation: Duration = .seconds(Int64(1) << 40)

    /// `seconds` as a duration, never trapping: NaN and negative values are zero, values past
    /// `maximum` (and infinity) are `maximum`. `maximum` must not be negative.
    public init(clampingSeconds seconds: Double, maximum: Duration) {
        guard !seconds.isNaN, seconds > 0 else {
            self = .zero
            return
        }
        guard seconds < maximum.seconds else {
            self = maximum
            return
        }
        // Below `maximum`, hence below Int64.max seconds: both conversions are exact enough.
        let whole = seconds.rounded(.down)
        self = .seconds(Int64(whole)) + .nanoseconds(Int64(((seconds - whole) * 1e9).rounded()))
    }

    /// `amount × unitSeconds` seconds, or nil when that does not fit in 64-bit seconds.
    public init?(checkedAmount amount: Int64, unitSeconds: Int64) {
        let (product, overflow) = amount.multipliedReportingOverflow(by: unitSeconds)
        guard !overflow else { return nil }
        self = .seconds(product)
    }

    /// The duration in seconds, as a floating-point number.
    public var seconds: Double {
        let (whole, atto) = components
        return Double(whole) + Double(atto) / 1e18
    }

    /// Whole milliseconds, for traces and messages; saturates at the ends of `Int64`.
    public var milliseconds: Int64 {
        let (seconds, attoseconds) = components
        let (scaled, overflow) = seconds.multipliedReportingOverflow(by: 1000)
        guard !overflow else { return seconds < 0 ? .min : .max }
        let (sum, overflowSum) = scaled.addingReportingOverflow(attoseconds / 1_000_000_000_000_000)
        return overflowSum ? (seconds < 0 ? .min : .max) : sum
    }
}
