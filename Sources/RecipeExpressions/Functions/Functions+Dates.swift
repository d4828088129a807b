// Date functions. Dates travel as canonical ISO-8601 UTC text (`2026-11-23T09:30:00Z`, with
// `.SSS` only when milliseconds are not zero); every function accepts any ISO-8601 variant
// `date()` accepts and returns null for a null date.
import Foundation
import RecipeData

extension FunctionRegistry {
    /// now, date, formatDate, dateAdd, dateDiff.
    static let dateFunctions: [FunctionDefinition] = [
        /// now(): the environment clock, canonical text.
        FunctionDefinition("now", arity: 0...0, pure: false) { _, c in
            .string(DateText.canonical(Instant(c.environment.now())))
        },
        /// date(value, format?, timeZone = "UTC"): parses ISO-8601 text (or text in `format`
        /// when given and not null); times without an offset are read in `timeZone`.
        FunctionDefinition("date", arity: 1...3) { a, c throws(EvaluationError) in
            if a[0].isNull { return .null }
            let zone = a.count > 2 ? try c.timeZone(a[2]) : utc
            let format = a.count > 1 && !a[1].isNull ? try c.text(a[1], "format") : nil
            guard let instant = try c.instant(a[0], format: format, zone: zone) else { return .null }
            return .string(DateText.canonical(instant))
        },
        /// formatDate(date, pattern, timeZone = "UTC").
        FunctionDefinition("formatDate", arity: 2...3) { a, c throws(EvaluationError) in
            guard let instant = try c.instant(a[0]) else { return .null }
            let pattern = try c.pattern(a[1])
            let zone = a.count > 2 ? try c.timeZone(a[2]) : utc
            let (local, offset) = instant.local(in: zone)
            return .string(pattern.format(local, offset: offset))
        },
        /// dateAdd(date, amount, unit): unit is seconds, minutes, hours, days, weeks, months or
        /// years (singular accepted). Months and years keep the day, clamped to the month's
        /// length (Jan 31 + 1 month = Feb 28/29), in UTC.
        FunctionDefinition("dateAdd", arity: 3...3) { a, c throws(EvaluationError) in
            guard let instant = try c.instant(a[0]) else { return .null }
            let amount = try c.integer(a[1], "amount")
            let unit = try c.dateUnit(a[2])
            guard let result = add(amount, unit, to: instant) else { throw c.error("date out of range") }
            return .string(DateText.canonical(result))
        },
        /// dateDiff(from, to, unit): whole units from `from` to `to` (negative when `to` is
        /// earlier), truncated toward zero. For months and years: the largest n with
        /// dateAdd(from, n, unit) <= to (so Jan 31 → Feb 28 is 1 month).
        FunctionDefinition("dateDiff", arity: 3...3) { a, c throws(EvaluationError) in
            guard let from = try c.instant(a[0]), let to = try c.instant(a[1]) else { return .null }
            let unit = try c.dateUnit(a[2])
            if let ms = unit.milliseconds { return .int((to.milliseconds - from.milliseconds) / ms) }
            let f = from.local(offset: 0), t = to.local(offset: 0)
            var months = (t.year - f.year) * 12 + (t.month - f.month)
            if months > 0, let back = add(months, .months, to: from), back > to { months -= 1 }
            if months < 0, let back = add(months, .months, to: from), back < to { months += 1 }
            return .int(unit == .years ? months / 12 : months)
        },
    ]

    static let utc = TimeZone(identifier: "UTC")!

    enum DateUnit: String, CaseIterable {
        case seconds, minutes, hours, days, weeks, months, years

        var milliseconds: Int? {
            switch self {
            case .seconds: 1000
            case .minutes: 60_000
            case .hours: 3_600_000
            case .days: 86_400_000
            case .weeks: 604_800_000
            case .months, .years: nil
            }
        }
    }

    static func add(_ amount: Int, _ unit: DateUnit, to instant: Instant) -> Instant? {
        if let ms = unit.milliseconds {
            let (delta, o1) = amount.multipliedReportingOverflow(by: ms)
            let (sum, o2) = instant.milliseconds.addingReportingOverflow(delta)
            return o1 || o2 ? nil : Instant(milliseconds: sum)
        }
        guard abs(amount) < 1_000_000 else { return nil }
        var t = instant.local(offset: 0)
        let months = t.year * 12 + (t.month - 1) + (unit == .years ? amount * 12 : amount)
        t.year = months.floorDiv(12)
        t.month = months.floorMod(12) + 1
        t.day = min(t.day, LocalDateTime.daysIn(year: t.year, month: t.month))
        return t.instant(offset: 0)
    }
}

extension FunctionContext {
    /// A date argument; `nil` for null. Text must be ISO-8601 (or match `format`).
    func instant(_ value: JSONValue, format: String? = nil, zone: TimeZone = FunctionRegistry.utc) throws(EvaluationError) -> Instant? {
        switch value {
        case .null: return nil
        case .string(let text):
            if let format {
                let pattern = try self.pattern(.string(format))
                guard let instant = pattern.parse(text, zone: zone) else {
                    throw error("'\(text)' does not match the date format '\(format)'")
                }
                return instant
            }
            guard let instant = DateText.parseISO(text, zone: zone) else {
                throw error("'\(text)' is not an ISO-8601 date such as 2026-11-23 or 2026-11-23T09:30:00Z")
            }
            return instant
        default:
            throw error("date must be ISO-8601 text, not \(value.typeName)")
        }
    }

    func pattern(_ value: JSONValue) throws(EvaluationError) -> DatePattern {
        let text = try self.text(value, "format")
        do throws(DatePattern.Failure) {
            return try DatePattern(text)
        } catch {
            throw self.error(error.message)
        }
    }

    /// An IANA time zone id such as "Europe/Paris"; null means UTC.
    func timeZone(_ value: JSONValue) throws(EvaluationError) -> TimeZone {
        if value.isNull { return FunctionRegistry.utc }
        let id = try text(value, "time zone")
        guard let zone = TimeZone(identifier: id) else { throw error("unknown time zone '\(id)'") }
        return zone
    }

    func dateUnit(_ value: JSONValue) throws(EvaluationError) -> FunctionRegistry.DateUnit {
        let name = try text(value, "unit")
        if let unit = FunctionRegistry.DateUnit(rawValue: name) ?? FunctionRegistry.DateUnit(rawValue: name + "s") {
            return unit
        }
        throw error("unknown unit '\(name)'; use seconds, minutes, hours, days, weeks, months or years")
    }
}
