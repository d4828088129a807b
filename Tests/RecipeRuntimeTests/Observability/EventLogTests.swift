import RecipeConnectors
import RecipeRuntime
import Testing

@Suite struct EventLogTests {
    static let noon: Int64 = 1_796_212_800_123  // 2026-12-02T12:00:00.123Z

    func makeLog(minimumLevel: LogLevel = .info, redact: @escaping @Sendable (String) -> String = { $0 }) -> (EventLog, MemoryLogSink) {
        let sink = MemoryLogSink()
        return (EventLog(sink: sink, minimumLevel: minimumLevel, clock: { Self.noon }, redact: redact), sink)
    }

    @Test func aLineHasTimestampLevelAndEventFirstThenFieldsInOrderThenMessage() {
        let (log, sink) = makeLog()
        log.info(.deliveryAccepted, ["delivery": 12, "folder": "hibob-docebo", "connection": "hibob"], message: "stored, 2 jobs")
        log.warning("job.failed", ["z": 1, "a": 2, "m": "three"])
        #expect(
            sink.lines == [
                #"ts=2026-12-02T12:00:00.123Z level=info event=delivery.accepted delivery=12 folder=hibob-docebo connection=hibob msg="stored, 2 jobs""#,
                "ts=2026-12-02T12:00:00.123Z level=warning event=job.failed z=1 a=2 m=three",
            ])
    }

    /// (minimum level, level of the line, written)
    @Test(arguments: [
        (LogLevel.debug, LogLevel.debug, true), (.info, .debug, false), (.info, .info, true), (.info, .error, true),
        (.warning, .info, false), (.warning, .warning, true), (.error, .warning, false), (.error, .error, true),
    ])
    func linesBelowTheMinimumLevelAreNotWritten(minimum: LogLevel, level: LogLevel, written: Bool) {
        let (log, sink) = makeLog(minimumLevel: minimum)
        log.log(level, .jobClaimed, ["job": 7])
        #expect(sink.lines.count == (written ? 1 : 0))
        #expect(log.isEnabled(level) == written)
        if written { #expect(sink.lines.first?.contains(" level=\(level.name) ") == true) }
    }

    @Test func theRedactHookRemovesSecretsFromEveryValueAndTheMessage() {
        let redactor = Redactor(secrets: ["s3cr3t-token"])
        let (log, sink) = makeLog(redact: { redactor.redact($0) })
        log.error(
            .jobFailed, ["job": 9, "error": "401 with s3cr3t-token", "url": "https://x.test/?key=s3cr3t-token"],
            message: "token s3cr3t-token refused")
        let line = sink.lines[0]
        #expect(!line.contains("s3cr3t"))
        #expect(
            line
                == #"ts=2026-12-02T12:00:00.123Z level=error event=job.failed job=9 error="401 with [REDACTED]" url="https://x.test/?key=[REDACTED]" msg="token [REDACTED] refused""#
        )
    }

    @Test func redactionHappensBeforeTheCutSoNoPrefixOfASecretLeaks() {
        let redactor = Redactor(secrets: ["SECRETVALUE"])
        let (log, sink) = makeLog(redact: { redactor.redact($0) })
        let value = String(repeating: "x", count: Logfmt.maxValueLength - 5) + "SECRETVALUE"
        log.info(.jobFailed, ["error": value])
        #expect(!sink.lines[0].contains("SECRE"))
        #expect(sink.lines[0].hasSuffix("[REDA… (5 more characters)\""))
    }

    @Test func fieldsCannotForgeLinesOrTheLineKeys() {
        let (log, sink) = makeLog()
        log.info(.deliveryRejected, ["level": "debug", "reason": "bad\nts=x level=error event=forged", "bad key": "v"])
        #expect(sink.lines.count == 1)
        #expect(
            sink.lines[0]
                == #"ts=2026-12-02T12:00:00.123Z level=info event=delivery.rejected field.level=debug reason="bad\nts=x level=error event=forged" bad_key=v"#
        )
    }

    @Test func linesFromManyTasksStayWhole() async {
        let (log, sink) = makeLog()
        await withTaskGroup(of: Void.self) { group in
            for task in 0..<16 {
                group.addTask {
                    for index in 0..<100 { log.info(.jobSucceeded, ["task": task, "job": index]) }
                }
            }
        }
        let lines = sink.lines
        #expect(lines.count == 1_600)
        #expect(lines.allSatisfy { $0.hasPrefix("ts=2026-12-02T12:00:00.123Z level=info event=job.succeeded task=") })
        #expect(Set(lines).count == 1_600)
    }

    @Test func theServeEventsAreTheDocumentedOnes() {
        #expect(
            LogEvent.serveEvents.map(\.rawValue) == [
                "delivery.accepted", "delivery.duplicate", "delivery.rejected", "job.claimed", "job.succeeded", "job.failed",
                "job.resumed", "schedule.fired", "server.started", "server.stopping", "recovery.done",
            ])
    }
}
