// Structured event logs of `recipes serve`: one logfmt line per event,
//   ts=2026-12-02T12:00:00.123Z level=info event=delivery.accepted delivery=12 folder=hibob-docebo connection=hibob msg="stored"
// `ts`, `level` and `event` first, then the fields in the order given, then `msg`. Every value
// (fields and message) goes through the `redact` hook before it is written, so the serve
// command's `Redactor` keeps secrets out; then it is escaped and bounded by `Logfmt`.

/// The fields of a line, in the order written: `["delivery": 12, "connection": "hibob"]`.
public typealias LogFields = KeyValuePairs<String, any CustomStringConvertible & Sendable>

/// Writes events as logfmt lines to a sink.
public final class EventLog: Sendable {
    /// Keys the line itself writes; a field with one of these keys is written as `field.<key>`.
    public static let reservedKeys: Set<String> = ["ts", "level", "event", "msg"]

    /// Lines below this level are not written.
    public let minimumLevel: LogLevel
    private let sink: any LogSink
    private let clock: @Sendable () -> Int64
    private let redact: @Sendable (String) -> String
    private let maxValueLength: Int

    /// - Parameters:
    ///   - sink: where lines go.
    ///   - minimumLevel: the lowest level written.
    ///   - maxValueLength: the longest value as written (see `Logfmt.value`).
    ///   - clock: the current time, ms since 1970 UTC (injected so tests are deterministic).
    ///   - redact: applied to every value and message before it is written (pass
    ///     `Redactor.redact` so no secret is ever logged).
    public init(
        sink: any LogSink, minimumLevel: LogLevel = .info, maxValueLength: Int = Logfmt.maxValueLength,
        clock: @escaping @Sendable () -> Int64, redact: @escaping @Sendable (String) -> String = { $0 }
    ) {
        self.sink = sink
        self.minimumLevel = minimumLevel
        self.maxValueLength = maxValueLength
        self.clock = clock
        self.redact = redact
    }

    /// Whether lines of `level` are written (check before building costly fields).
    public func isEnabled(_ level: LogLevel) -> Bool { level >= minimumLevel }

    /// Writes one line for `event` at `level`, with `fields` in the order given and `message`
    /// last as `msg`, when `level` is at least the minimum level.
    public func log(_ level: LogLevel, _ event: LogEvent, _ fields: LogFields = [:], message: String? = nil) {
        guard isEnabled(level) else { return }
        sink.write(line: line(level, event, fields, message: message))
    }

    /// The line `log` writes (the clock is read once).
    public func line(_ level: LogLevel, _ event: LogEvent, _ fields: LogFields = [:], message: String? = nil) -> String {
        var line = "ts=\(Logfmt.timestamp(milliseconds: clock())) level=\(level.name) event=\(value(event.rawValue))"
        for (key, fieldValue) in fields {
            let name = Self.reservedKeys.contains(key) ? "field." + key : Logfmt.key(key)
            line += " \(name)=\(value(fieldValue.description))"
        }
        if let message { line += " msg=\(value(message))" }
        return line
    }

    /// A debug line (see `log`).
    public func debug(_ event: LogEvent, _ fields: LogFields = [:], message: String? = nil) {
        log(.debug, event, fields, message: message)
    }

    /// An info line (see `log`).
    public func info(_ event: LogEvent, _ fields: LogFields = [:], message: String? = nil) {
        log(.info, event, fields, message: message)
    }

    /// A warning line (see `log`).
    public func warning(_ event: LogEvent, _ fields: LogFields = [:], message: String? = nil) {
        log(.warning, event, fields, message: message)
    }

    /// An error line (see `log`).
    public func error(_ event: LogEvent, _ fields: LogFields = [:], message: String? = nil) {
        log(.error, event, fields, message: message)
    }

    private func value(_ text: String) -> String {
        Logfmt.value(redact(text), limit: maxValueLength)
    }
}
