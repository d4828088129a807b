import Foundation
import RecipeConnectors
import RecipeData
import RecipeEngine
import RecipeHTTP
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

    @Test func giveUpAfterMaxAttemptsWithRetryableError() async throws {
        let harness = try ConnectorHarness(vendor: Self.flaky(502, times: 10))
        let error = try await harness.failure("hibob", "get_employee", ["id": "1"])
        #expect(error.kind == .http && error.status == 502 && error.retryable)
        #expect(error.message == "hibob.get_employee: HTTP 502: try later")
        #expect(harness.attempts.count == 3)
        #expect(error.details?["attempts"]?.arrayValue?.count == 3)
        #expect(error.details?["code"] == "busy")
    }

    @Test func longRetryAfterGoesToTheInterpreter() async throws {
        let harness = try ConnectorHarness(vendor: Self.flaky(429, times: 1, headers: ["Retry-After": "600"]))
        let error = try await harness.failure("reachdesk", "get_recipient", ["externalId": "1"])
        #expect(error.kind == .rateLimited && error.retryable && error.retryAfter == .seconds(600))
        #expect(harness.clock.sleeps == [])
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
