import Foundation
import RecipeConnectors
import RecipeData
import RecipeEngine
import RecipeHTTPCore
import Testing

/// The client's own retries: 429/503 with Retry-After, backoff for 5xx and timeouts on
/// idempotent requests only, dedupe checks for declared writes; every attempt recorded.
struct RetryTests {
    /// Answers `status` (with `headers`) `times` times, then 200.
    static func flaky(_ status: Int, times: Int, headers: HTTPHeaders = [:], success: JSONValue = ["id": "1"]) -> RecordingVendor {
        RecordingVendor { request, index in
            if request.path.hasSuffix("/oauth2/token") { return .json(["access_token": "t", "expires_in": 3600]) }
            return index < times ? .json(["error": ["code": "busy", "message": "try later"]], status: status, headers: headers) : .json(success)
        }
    }

    @Test func tooManyRequestsHonoursRetryAfter() async throws {
        let harness = try ConnectorHarness(vendor: Self.flaky(429, times: 1, headers: ["Retry-After": "7"]))
        let output = try await harness.perform("hibob", "get_employee", ["id": "1"])
        #expect(output == ["id": "1"])
        #expect(harness.clock.sleeps == [.seconds(7)])
        #expect(harness.attempts.map(\.status) == [429, 200])
        #expect(harness.attempts.first?.retryReason == "HTTP 429, Retry-After 7.0s")
    }

    @Test func retryAfterAsHTTPDate() async throws {
        let clock = ManualClockReference.now
        let date = Date(timeIntervalSince1970: clock + 30)
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss 'GMT'"
        let harness = try ConnectorHarness(vendor: Self.flaky(503, times: 1, headers: ["Retry-After": formatter.string(from: date)]))
        _ = try await harness.perform("recruit", "create_position", ["externalId": "p"])
        #expect(harness.clock.sleeps == [.seconds(30)])
    }

    @Test func serviceUnavailableBacksOffExponentially() async throws {
        let harness = try ConnectorHarness(vendor: Self.flaky(503, times: 2))
        _ = try await harness.perform("hibob", "get_employee", ["id": "1"])
        #expect(harness.clock.sleeps == [.seconds(1), .seconds(2)])
        #expect(harness.attempts.map(\.status) == [503, 503, 200])
    }

    @Test func aReadIsRetriedPastMaxAttemptsWithinTheBudget() async throws {
        // hibob: maxAttempts 3, backoff 1 s doubling to 20 s; reads get 10 attempts within 120 s.
        let harness = try ConnectorHarness(vendor: Self.flaky(503, times: 6))
        let output = try await harness.perform("hibob", "get_employee", ["id": "1"])
        #expect(output == ["id": "1"])
        #expect(harness.attempts.map(\.status) == [503, 503, 503, 503, 503, 503, 200])
        #expect(harness.clock.sleeps == [.seconds(1), .seconds(2), .seconds(4), .seconds(8), .seconds(16), .seconds(20)])
    }

    @Test func aReadGivesUpAtMaxSafeAttemptsWithARetryableError() async throws {
        let harness = try ConnectorHarness(vendor: Self.flaky(502, times: 100))
        let error = try await harness.failure("hibob", "get_employee", ["id": "1"])
        #expect(error.kind == .http && error.status == 502 && error.retryable)
        #expect(error.message == "hibob.get_employee: HTTP 502: try later")
        // 1+2+4+8+16+20+20+20+20 = 111 s of waits ≤ 120 s: all ten attempts.
        #expect(harness.attempts.count == 10)
        #expect(error.details?["attempts"]?.arrayValue?.count == 10)
        #expect(error.details?["code"] == "busy")
    }

    @Test func theBudgetEndsTheRetriesBeforeMaxSafeAttempts() async throws {
        // Retry-After 50 s each time: 3 attempts as usual, then 50+50 > 120 s ends it at the 3rd wait.
        let harness = try ConnectorHarness(vendor: Self.flaky(429, times: 100, headers: ["Retry-After": "50"]))
        let error = try await harness.failure("hibob", "get_employee", ["id": "1"])
        #expect(error.kind == .rateLimited && error.retryable)
        #expect(harness.clock.sleeps == [.seconds(50), .seconds(50)])
        #expect(harness.attempts.count == 3)
    }

    @Test func aWriteThatMayHaveBeenProcessedStopsAtMaxAttempts() async throws {
        let vendor = RecordingVendor { request, _ in
            if request.path.hasSuffix("/oauth2/token") { return .json(["access_token": "t", "expires_in": 3600]) }
            if request.method == .get { return .json(["data": ["items": [], "has_more_data": false]]) }
            return .json(["message": "boom"], status: 500)
        }
        let harness = try ConnectorHarness(vendor: vendor)
        let error = try await harness.failure("docebo", "create_user", ["userid": "a@example.com", "email": "a@example.com"])
        #expect(error.status == 500)
        #expect(vendor.apiRequests.filter { $0.method == .post }.count == 3)
    }

    @Test func aRefusedWriteIsRetriedLikeARead() async throws {
        // 429 means not processed: a non-idempotent write is repeated past maxAttempts too.
        let harness = try ConnectorHarness(vendor: Self.flaky(429, times: 5))
        _ = try await harness.perform("greenhouse", "add_note", ["candidate_id": 1, "body": "x"])
        #expect(harness.attempts.map(\.status) == [429, 429, 429, 429, 429, 200])
    }

    @Test func longRetryAfterGoesToTheInterpreter() async throws {
        let harness = try ConnectorHarness(vendor: Self.flaky(429, times: 1, headers: ["Retry-After": "600"]))
        let error = try await harness.failure("reachdesk", "get_recipient", ["externalId": "1"])
        #expect(error.kind == .rateLimited && error.retryable && error.retryAfter == .seconds(600))
        #expect(error.message.hasSuffix("the vendor asks to wait 600 s (Retry-After), longer than the 60 s this connection waits"))
        #expect(harness.clock.sleeps == [])
    }

    static let hostileRetryAfters = [
        "Fri, 31 Dec 9999 23:59:59 GMT", "9223372036854775807", "99999999999999999999999999", "86401",
    ]

    /// A wait no engine should take neither traps, nor stalls the job, nor pauses the
    /// connection for longer than the client's own limit.
    @Test(arguments: hostileRetryAfters)
    func anAbsurdRetryAfterFailsTheStepRetryablyAndPausesTheConnectionBriefly(_ header: String) async throws {
        let harness = try ConnectorHarness(vendor: Self.flaky(429, times: 1, headers: ["Retry-After": header]))
        let error = try await harness.failure("greenhouse", "get_job", ["id": 1])
        #expect(error.kind == .rateLimited && error.retryable)
        #expect(error.retryAfter == ConnectorError.retryAfterCeiling)
        #expect(error.message.hasSuffix("the vendor asks to wait 1 day or more (Retry-After), longer than the 60 s this connection waits"))
        #expect(harness.clock.sleeps == [])
        // The next request of the connection waits out the pause: at most maxRetryAfter.
        _ = try await harness.perform("greenhouse", "get_job", ["id": 1])
        #expect(harness.clock.sleeps == [.seconds(60)])
    }

    struct RetryAfterCase: Sendable, CustomTestStringConvertible {
        let header: String
        let wait: Duration?
        var testDescription: String { "\"\(header)\"" }
    }

    static let retryAfterCases: [RetryAfterCase] = [
        .init(header: "120", wait: .seconds(120)),
        .init(header: " 7 ", wait: .seconds(7)),
        .init(header: "0", wait: .zero),
        .init(header: "86399", wait: .seconds(86399)),
        .init(header: "86400", wait: ConnectorError.retryAfterCeiling),
        .init(header: "9223372036854775807", wait: ConnectorError.retryAfterCeiling),
        .init(header: "184467440737095516150", wait: ConnectorError.retryAfterCeiling),
        .init(header: "Fri, 31 Dec 9999 23:59:59 GMT", wait: ConnectorError.retryAfterCeiling),
        .init(header: "Sat, 01 Jan 2000 00:00:00 GMT", wait: .zero),
        .init(header: "-1", wait: nil),
        .init(header: "+5", wait: nil),
        .init(header: "1e3", wait: nil),
        .init(header: "1.5", wait: nil),
        .init(header: "soon", wait: nil),
        .init(header: "", wait: nil),
    ]

    /// RFC 9110 §10.2.3: `delay-seconds = 1*DIGIT` or an HTTP-date; anything else is ignored.
    @Test(arguments: retryAfterCases)
    func retryAfterIsReadStrictlyAndSaturates(_ example: RetryAfterCase) {
        #expect(RetryAfter.parse(example.header, now: Date(timeIntervalSince1970: ManualClockReference.now)) == example.wait)
    }

    @Test func retryAfterInTheObsoleteDateFormats() {
        let now = Date(timeIntervalSince1970: 784_111_777 - 30)  // 30 s before Sun, 06 Nov 1994 08:49:37 GMT
        #expect(RetryAfter.parse("Sun, 06 Nov 1994 08:49:37 GMT", now: now) == .seconds(30))
        #expect(RetryAfter.parse("Sunday, 06-Nov-94 08:49:37 GMT", now: now) == .seconds(30))
        #expect(RetryAfter.parse("Sun Nov  6 08:49:37 1994", now: now) == .seconds(30))
    }

    /// URLSessionClient returns a cross-origin redirect instead of following it; the step fails
    /// saying so (HostileAnswerTests covers the client side).
    @Test func aRedirectThatWasNotFollowedFailsTheStepSayingWhy() async throws {
        let vendor = RecordingVendor { _, _ in
            HTTPResponse(status: 307, headers: ["Location": "https://elsewhere.example/steal"], body: [])
        }
        let harness = try ConnectorHarness(vendor: vendor)
        let error = try await harness.failure("greenhouse", "get_job", ["id": 1])
        #expect(error.status == 307 && !error.retryable)
        #expect(error.message == "greenhouse.get_job: HTTP 307: redirect to https://elsewhere.example/steal not followed "
            + "(only same-origin redirects are, so credentials never leave the vendor's origin)")
    }

    @Test func serverErrorOnANonIdempotentWriteIsNotRetried() async throws {
        let harness = try ConnectorHarness(vendor: Self.flaky(500, times: 1))
        let error = try await harness.failure("greenhouse", "add_note", ["candidate_id": 1, "body": "x"])
        #expect(error.status == 500)
        #expect(harness.vendor.requests.count == 1)
    }

    @Test func timeoutsAreRetriedForIdempotentActions() async throws {
        let vendor = RecordingVendor { _, _ in .json(["id": 1]) }
        let harness = try ConnectorHarness(vendor: vendor) { FailingTransport(failures: 2, error: TransportError(.timeout, "no response in time"), then: $0) }
        _ = try await harness.perform("greenhouse", "get_job", ["id": 1])
        #expect(harness.attempts.map(\.failure) == ["timeout: no response in time", "timeout: no response in time", nil])
        #expect(vendor.requests.count == 1)
    }

    @Test func timeoutsOfNonIdempotentWritesAreNotRetried() async throws {
        let harness = try ConnectorHarness { FailingTransport(failures: 1, error: TransportError(.timeout, "no response in time"), then: $0) }
        let error = try await harness.failure("greenhouse", "add_note", ["candidate_id": 1, "body": "x"])
        #expect(error.kind == .timeout && error.retryable)
        #expect(harness.vendor.requests.isEmpty)
    }

    @Test func connectionRefusedIsRetriedEvenForWrites() async throws {
        let harness = try ConnectorHarness { FailingTransport(failures: 1, error: TransportError(.cannotConnect, "refused"), then: $0) }
        _ = try await harness.perform("greenhouse", "add_note", ["candidate_id": 1, "body": "x"])
        #expect(harness.vendor.requests.count == 1)
    }

    @Test func idempotencyKeyMakesWritesRetryable() async throws {
        let harness = try ConnectorHarness { FailingTransport(failures: 1, error: TransportError(.network, "reset"), then: $0) }
        _ = try await harness.perform("hipeople", "send_assessment", ["candidate_id": "c1"])
        #expect(harness.vendor.requests.map(\.jsonBody) == [["idempotency_key": "job-1:t#step"]])
    }

    @Test func dedupeCheckFindsTheWriteAlreadyDone() async throws {
        // The create times out (the vendor did create the user); the check finds it: no second POST.
        let vendor = RecordingVendor { request, _ in
            if request.path.hasSuffix("/oauth2/token") { return .json(["access_token": "t", "expires_in": 3600]) }
            return .json(["data": ["items": [["user_id": 12301, "email": "Ada@Example.com"]], "has_more_data": false]])
        }
        let harness = try ConnectorHarness(vendor: vendor) { next in
            FailingTransport(failures: 1, error: TransportError(.timeout, "no response in time"), then: next) { $0.method == .post && !$0.url.hasSuffix("/oauth2/token") }
        }
        let output = try await harness.perform("docebo", "create_user", ["userid": "ada@example.com", "email": "ada@example.com"])
        #expect(output == ["user_id": 12301, "email": "Ada@Example.com"])
        #expect(vendor.apiRequests.map(\.method) == [.get])
        #expect(harness.attempts.map(\.purpose) == ["token", "action", "check"])
    }

    @Test func dedupeCheckFindingNothingRetriesTheWrite() async throws {
        let vendor = RecordingVendor { request, _ in
            if request.path.hasSuffix("/oauth2/token") { return .json(["access_token": "t", "expires_in": 3600]) }
            if request.method == .get { return .json(["data": ["items": [], "has_more_data": false]]) }
            return .json(["data": ["success": true, "user_id": 5]])
        }
        let harness = try ConnectorHarness(vendor: vendor) { next in
            FailingTransport(failures: 1, error: TransportError(.timeout, "no response in time"), then: next) { $0.method == .post && !$0.url.hasSuffix("/oauth2/token") }
        }
        let output = try await harness.perform("docebo", "create_user", ["userid": "a@example.com", "email": "a@example.com"])
        #expect(output == ["success": true, "user_id": 5])
        #expect(vendor.apiRequests.map(\.method) == [.get, .post])
    }
}

/// The start time of `ManualClock` (its default), for building HTTP dates.
enum ManualClockReference {
    static let now: TimeInterval = 1_795_000_000
}

/// Vendor answers the connector cannot read: the failure says what was wrong instead of being
/// swallowed.
struct UnreadableAnswerTests {
    @Test func aSuccessThatIsNotJSONSaysWhereItBroke() async throws {
        let vendor = RecordingVendor { _, _ in
            HTTPResponse(status: 200, headers: ["Content-Type": "application/json"], body: Array(#"{"id": 1,"#.utf8))
        }
        let harness = try ConnectorHarness(vendor: vendor)
        let error = try await harness.failure("greenhouse", "get_job", ["id": 1])
        #expect(error.message.hasPrefix("greenhouse.get_job: HTTP 200 with a body that is not JSON (application/json): "))
        #expect(error.message.hasSuffix("at byte 9"))
        #expect(!error.retryable)
    }

    @Test func aFailingErrorTemplateFallsBackAndIsRecorded() async throws {
        // The shipped connectors, with Greenhouse's error message template asserting a member
        // the answer lacks.
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("connectors-\(UUID().uuidString)")
        try FileManager.default.copyItem(atPath: ConnectorHarness.connectorsDirectory, toPath: directory.path)
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("greenhouse.json")
        let original = #""message": "{{ response.body.errors[0].message ? response.body.message + ': ' + response.body.errors[0].message : null }}""#
        var text = try String(contentsOf: file, encoding: .utf8)
        #expect(text.contains(original))
        text = text.replacingOccurrences(of: original, with: #""message": "{{ response.body.detail! }}""#)
        try text.write(to: file, atomically: true, encoding: .utf8)
        let vendor = RecordingVendor { _, _ in .json(["message": "invalid"], status: 422) }
        let harness = try ConnectorHarness(vendor: vendor, definitions: directory.path)
        let error = try await harness.failure("greenhouse", "get_job", ["id": 1])
        #expect(error.message == "greenhouse.get_job: HTTP 422: invalid")
        let failures = try #require(error.details?["errorMappingFailed"]?.arrayValue)
        #expect(failures.count == 1)
        #expect(failures.first?.stringValue?.contains("is missing") == true)
    }
}
