/// The allowed values of one cron field as a bit set (bit `n` set ⇔ value `n` allowed), plus
/// whether the field was written as `*` or `*/step`, which matters for the day-of-month /
/// day-of-week rule (see `CronSchedule`).
public struct CronField: Sendable, Hashable {
    /// Which of the five fields this is; gives its name and range in messages.
    public enum Kind: Int, Sendable, Hashable, CaseIterable {
        case minute, hour, dayOfMonth, month, dayOfWeek

        /// The name used in messages: "minute", "day-of-month", ...
        public var name: String {
            switch self {
            case .minute: "minute"
            case .hour: "hour"
            case .dayOfMonth: "day-of-month"
            case .month: "month"
            case .dayOfWeek: "day-of-week"
            }
        }

        /// The values the field accepts as written (day-of-week accepts 7 for Sunday).
        public var writtenRange: ClosedRange<Int> {
            switch self {
            case .minute: 0...59
            case .hour: 0...23
            case .dayOfMonth: 1...31
            case .month: 1...12
            case .dayOfWeek: 0...7
            }
        }

        /// The values a field of this kind can hold after normalization (Sunday is 0 only).
        var valueRange: ClosedRange<Int> { self == .dayOfWeek ? 0...6 : writtenRange }
    }

    public let kind: Kind
    /// Bit `n` is set when value `n` is allowed.
    public private(set) var bits: UInt64
    /// Written as `*` or `*/step`: "unrestricted" for the day-of-month / day-of-week rule.
    public let isStar: Bool
    /// The step of a `*/step` field (1 for plain `*`); 1 for fields not written with `*`.
    public let starStep: Int

    init(kind: Kind, bits: UInt64, isStar: Bool = false, starStep: Int = 1) {
        self.kind = kind
        self.bits = bits
        self.isStar = isStar
        self.starStep = starStep
    }

    /// A `*` or `*/step` field.
    static func star(_ kind: Kind, step: Int = 1) -> CronField {
        var bits: UInt64 = 0
        for value in stride(from: kind.valueRange.lowerBound, through: kind.valueRange.upperBound, by: step) {
            bits |= 1 << UInt64(value)
        }
        return CronField(kind: kind, bits: bits, isStar: true, starStep: step)
    }

    /// Whether `value` is allowed.
    public func contains(_ value: Int) -> Bool { bits & (1 << UInt64(value)) != 0 }

    /// The smallest allowed value that is at least `value`, or `nil`.
    func next(from value: Int) -> Int? {
        guard value < 64 else { return nil }
        let remaining = bits & ~((UInt64(1) << UInt64(value)) &- 1)
        return remaining == 0 ? nil : remaining.trailingZeroBitCount
    }

    /// The allowed values in ascending order.
    public var values: [Int] { (0..<64).filter(contains) }

    /// Normalized text: `*`, `*/step`, or a list of values and `a-b` ranges ("0,5-6").
    public var normalized: String {
        if isStar { return starStep == 1 ? "*" : "*/\(starStep)" }
        var parts: [String] = []
        var runs: [(Int, Int)] = []
        for value in values {
            if let last = runs.last, last.1 == value - 1 {
                runs[runs.count - 1].1 = value
            } else {
                runs.append((value, value))
            }
        }
        for (low, high) in runs { parts.append(low == high ? "\(low)" : "\(low)-\(high)") }
        return parts.joined(separator: ",")
    }
}
