/// Parses the text of a cron expression into five fields, tracking 1-based positions (in
/// Unicode scalars) for messages. Grammar of one field:
///
///     field   = element *("," element)
///     element = ("*" / value / value "-" value) ["/" step]
///     value   = number / name        ; names: JAN-DEC (month), SUN-SAT (day of week)
struct CronParser {
    private static let macros: [String: String] = [
        "@yearly": "0 0 1 1 *", "@annually": "0 0 1 1 *", "@monthly": "0 0 1 * *",
        "@weekly": "0 0 * * 0", "@daily": "0 0 * * *", "@midnight": "0 0 * * *", "@hourly": "0 * * * *",
    ]
    private static let monthNames = ["JAN", "FEB", "MAR", "APR", "MAY", "JUN",
                                     "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"]
    private static let dayNames = ["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"]

    private var text: [Unicode.Scalar]
    private var position = 0

    init(_ text: String) {
        self.text = Array(text.unicodeScalars)
    }

    private func error(_ message: String, at index: Int) -> CronParseError {
        CronParseError(message, offset: index + 1)
    }

    private var current: Unicode.Scalar? { position < text.count ? text[position] : nil }

    private static func isSpace(_ c: Unicode.Scalar?) -> Bool { c == " " || c == "\t" }

    mutating func parse() throws(CronParseError) -> [CronField] {
        while Self.isSpace(current) { position += 1 }
        guard let first = current else { throw error("empty cron expression", at: 0) }
        if first == "@" {
            let start = position
            var word = ""
            while let c = current, !Self.isSpace(c) { word.unicodeScalars.append(c); position += 1 }
            guard let expansion = Self.macros[word.lowercased()] else {
                throw error("unknown cron macro '\(word)'; expected @yearly, @annually, @monthly, "
                            + "@weekly, @daily, @midnight or @hourly", at: start)
            }
            while Self.isSpace(current) { position += 1 }
            if current != nil { throw error("unexpected text after '\(word)'", at: position) }
            var inner = CronParser(expansion)
            return try inner.parse()
        }
        var fields: [CronField] = []
        for kind in CronField.Kind.allCases {
            guard current != nil else {
                throw error("expected 5 fields (minute hour day-of-month month day-of-week) but found "
                            + "\(fields.count); the \(kind.name) field is missing", at: position)
            }
            fields.append(try parseField(kind))
            while Self.isSpace(current) { position += 1 }
        }
        if current != nil {
            throw error("expected 5 fields (minute hour day-of-month month day-of-week) but found more", at: position)
        }
        return fields
    }

    private mutating func parseField(_ kind: CronField.Kind) throws(CronParseError) -> CronField {
        if current == "*" && (position + 1 >= text.count || text[position + 1] != ",") {
            position += 1
            var step = 1
            if current == "/" {
                position += 1
                step = try parseStep(kind)
            }
            if let c = current, !Self.isSpace(c) {
                throw error(c == "," ? "'*' cannot be combined with other values in a list"
                                     : "unexpected '\(c)' in the \(kind.name) field", at: position)
            }
            return .star(kind, step: step)
        }
        var bits: UInt64 = 0
        while true {
            bits |= try parseElement(kind)
            guard current == "," else { break }
            position += 1
        }
        if let c = current, !Self.isSpace(c) {
            throw error("unexpected '\(c)' in the \(kind.name) field", at: position)
        }
        if kind == .dayOfWeek, bits & (1 << 7) != 0 { bits = (bits & ~(1 << 7)) | 1 }
        return CronField(kind: kind, bits: bits)
    }

    /// One list element; returns its bits (day-of-week 7 still as bit 7).
    private mutating func parseElement(_ kind: CronField.Kind) throws(CronParseError) -> UInt64 {
        if current == "*" {
            throw error("'*' cannot be combined with other values in a list", at: position)
        }
        let startAt = position
        let low = try parseValue(kind)
        var high = low
        var hasRange = false
        if current == "-" {
            position += 1
            hasRange = true
            high = try parseValue(kind)
            if high < low {
                throw error("\(kind.name) range \(low)-\(high) is backwards; the start must not exceed the end",
                            at: startAt)
            }
        }
        var step = 1
        if current == "/" {
            position += 1
            step = try parseStep(kind)
            if !hasRange { high = kind.writtenRange.upperBound }
        }
        var bits: UInt64 = 0
        for value in stride(from: low, through: high, by: step) { bits |= 1 << UInt64(value) }
        return bits
    }

    private mutating func parseStep(_ kind: CronField.Kind) throws(CronParseError) -> Int {
        let at = position
        guard let step = parseNumber() else {
            throw error("expected a step number after '/' in the \(kind.name) field", at: at)
        }
        if step < 1 { throw error("\(kind.name) step must be at least 1", at: at) }
        return step
    }

    private mutating func parseValue(_ kind: CronField.Kind) throws(CronParseError) -> Int {
        let at = position
        if let number = parseNumber() {
            guard kind.writtenRange.contains(number) else {
                let range = kind.writtenRange
                throw error("\(kind.name) value \(number) is out of range \(range.lowerBound)-\(range.upperBound)",
                            at: at)
            }
            return number
        }
        var word = ""
        while let c = current, c.properties.isAlphabetic { word.unicodeScalars.append(c); position += 1 }
        guard !word.isEmpty else {
            let found = current.map { "'\($0)'" } ?? "the end"
            throw error("expected a \(kind.name) value but found \(found)", at: at)
        }
        let upper = word.uppercased()
        switch kind {
        case .month:
            if let i = Self.monthNames.firstIndex(of: upper) { return i + 1 }
            throw error("unknown month name '\(word)'; expected JAN-DEC or 1-12", at: at)
        case .dayOfWeek:
            if let i = Self.dayNames.firstIndex(of: upper) { return i }
            throw error("unknown day-of-week name '\(word)'; expected SUN-SAT or 0-7", at: at)
        default:
            throw error("names like '\(word)' are only allowed in the month and day-of-week fields", at: at)
        }
    }

    /// Digits at the current position as a number (capped so huge numbers stay out of range).
    private mutating func parseNumber() -> Int? {
        var value: Int?
        while let c = current, ("0"..."9").contains(c) {
            value = min((value ?? 0) * 10 + Int(c.value) - 48, 1_000_000)
            position += 1
        }
        return value
    }
}
