import Foundation
import RecipeConnectors
import RecipeData
import RecipeEngine
import RecipeSandbox
import RecipeTestSupport
import Synchronization
import Testing

/// Vendor failures over real HTTP, injected by the sandbox: 503 with Retry-After is waited for
/// and retried; a dropped connection on an idempotent read is retried; a 500 on a write is not.
@Suite(.serialized)
struct FaultLoopbackTests {
    final class AttemptLog: Sendable {
        let records = Mutex<[AttemptRecord]>([])
    }

    /// - Parameter timeout: when set, every connection's request timeout (`"timeout"` in the file).
    func setUp(_ clock: ManualClock, _ attempts: AttemptLog, timeout: String? = nil) throws -> (SandboxServer, ConnectorRuntime, URL) {
        var configuration = SandboxConfiguration()
        configuration.companySize = 50
        let server = SandboxServer(configuration)
        try server.start()
        let (runtime, file) = try sandboxRuntime(
            server, clock: clock, observer: { _, records in attempts.records.withLock { $0 += records } }, jitter: { $0 },
            edit: { text in
                guard let timeout else { return text }
                return text.replacingOccurrences(of: "\"baseURL\":", with: "\"timeout\": \"\(timeout)\", \"baseURL\":")
            })
        return (server, runtime, file)
    }

    func request(_ connection: String, _ action: String, _ input: JSONValue) -> ActionRequest {
        ActionRequest(connection: connection, action: action, input: input, jobID: "j", path: StepPath([]))
    }

    @Test func a503WithRetryAfterIsWaitedForAndRetried() async throws {
        let clock = ManualClock(start: Date())
        let attempts = AttemptLog()
        let (server, runtime, file) = try setUp(clock, attempts)
        let employee = try #require(server.sandbox.hibobEmployees.first { $0.status == .active })
        server.sandbox.setFaults(FaultSettings(forced: [ForcedStatus(status: 503, count: 2, retryAfter: 7)]), for: .hibob)
        let hibob = try #require(runtime.registry["hibob"])
        let found = try await hibob.perform(request("hibob", "get_employee", ["id": .string(employee.id)]))
        #expect(found["id"] == .string(employee.id))
        #expect(attempts.records.withLock { $0.map(\.status) } == [503, 503, 200])
        #expect(clock.sleeps.filter { $0 == .seconds(7) }.count == 2)
        await server.shutdown()
        try? FileManager.default.removeItem(at: file)
    }

    @Test func aDroppedConnectionOnAReadIsRetried() async throws {
        let clock = ManualClock(start: Date())
        let attempts = AttemptLog()
        let (server, runtime, file) = try setUp(clock, attempts)
        let employee = try #require(server.sandbox.hibobEmployees.first { $0.status == .active })
        server.sandbox.setFaults(FaultSettings(dropNext: 1), for: .hibob)
        let hibob = try #require(runtime.registry["hibob"])
        let found = try await hibob.perform(request("hibob", "get_employee", ["id": .string(employee.id)]))
        #expect(found["id"] == .string(employee.id))
        #expect(attempts.records.withLock { $0.map(\.status) } == [nil, 200])
        await server.shutdown()
        try? FileManager.default.removeItem(at: file)
    }

    /// A token request is only a credential fetch: a 503 (after its Retry-After) and a 500 (after
    /// backoff) are retried like an idempotent request before the action goes out.
    @Test func aFailingTokenRequestIsRetried() async throws {
        let clock = ManualClock(start: Date())
        let attempts = AttemptLog()
        let (server, runtime, file) = try setUp(clock, attempts)
        server.sandbox.setFaults(
            FaultSettings(forced: [ForcedStatus(status: 503, count: 1, retryAfter: 4), ForcedStatus(status: 500, count: 1)]), for: .docebo)
        let docebo = try #require(runtime.registry["docebo"])
        let found = try await docebo.perform(request("docebo", "find_user_by_email", ["email": "nobody@example.com"]))
        #expect(found == .null)
        let records = attempts.records.withLock { $0 }
        #expect(records.map(\.purpose) == ["token", "token (attempt 2)", "token (attempt 3)", "action"])
        #expect(records.map(\.status) == [503, 500, 200, 200])
        #expect(clock.sleeps.contains(.seconds(4)))
        await server.shutdown()
        try? FileManager.default.removeItem(at: file)
    }

    /// A read that outlives the connection's timeout is abandoned and retried; the stalled
    /// request's late answer is never used. The 300 ms timeout is below a second on purpose:
    /// URLSession alone would turn it into 0 ms and fail every attempt at once.
    @Test func aTimedOutReadIsRetried() async throws {
        let clock = ManualClock(start: Date())
        let attempts = AttemptLog()
        let (server, runtime, file) = try setUp(clock, attempts, timeout: "300ms")
        let employee = try #require(server.sandbox.hibobEmployees.first { $0.status == .active })
        server.sandbox.setFaults(FaultSettings(stallNext: 1, stallMilliseconds: 1_500), for: .hibob)
        let hibob = try #require(runtime.registry["hibob"])
        let found = try await hibob.perform(request("hibob", "get_employee", ["id": .string(employee.id)]))
        #expect(found["id"] == .string(employee.id))
        let records = attempts.records.withLock { $0 }
        #expect(records.map(\.status) == [nil, 200])
        #expect(records.first?.failure?.contains("no response in time") == true)
        #expect(records.first?.retryReason != nil)
        await server.shutdown()
        try? FileManager.default.removeItem(at: file)
    }

    /// A write that times out may have happened: without a dedupe check it is not sent again,
    /// and the vendor ends up with exactly one note.
    @Test func aTimedOutWriteWithoutADedupeCheckIsNotRetried() async throws {
        let clock = ManualClock(start: Date())
        let attempts = AttemptLog()
        let (server, runtime, file) = try setUp(clock, attempts, timeout: "300ms")
        let candidate = try #require(server.sandbox.greenhouseCandidates.first)
        server.sandbox.setFaults(FaultSettings(stallNext: 1, stallMilliseconds: 1_000), for: .greenhouse)
        let greenhouse = try #require(runtime.registry["greenhouse"])
        do {
            _ = try await greenhouse.perform(request("greenhouse", "add_note", ["candidate_id": .int(candidate.id), "body": "late"]))
            Issue.record("a stalled write succeeded")
        } catch let error as ConnectorError {
            #expect(error.status == nil)
            #expect(error.message.contains("no response in time"))
        }
        #expect(attempts.records.withLock { $0.map(\.status) } == [nil])
        await server.shutdown()  // waits for the stalled request, which the vendor still carries out
        #expect(server.sandbox.greenhouseNotes.count == 1)
        try? FileManager.default.removeItem(at: file)
    }

    /// Cancelling the calling task (a job being stopped) abandons a request in flight instead
    /// of waiting for the vendor.
    @Test func cancellingTheCallerAbandonsTheRequest() async throws {
        let clock = ManualClock(start: Date())
        let attempts = AttemptLog()
        let (server, runtime, file) = try setUp(clock, attempts, timeout: "30s")
        let employee = try #require(server.sandbox.hibobEmployees.first { $0.status == .active })
        server.sandbox.setFaults(FaultSettings(stallNext: 1, stallMilliseconds: 3_000), for: .hibob)
        let hibob = try #require(runtime.registry["hibob"])
        let call = Task { try await hibob.perform(self.request("hibob", "get_employee", ["id": .string(employee.id)])) }
        while server.sandbox.faults(for: .hibob).stallNext > 0 { try await Task.sleep(for: .milliseconds(10)) }
        call.cancel()
        let outcome = await call.result
        #expect(throws: ConnectorError.self) { try outcome.get() }
        #expect(attempts.records.withLock { $0.map(\.status) } == [nil])
        await server.shutdown()
        try? FileManager.default.removeItem(at: file)
    }

    @Test func a500OnAWriteWithoutADedupeCheckIsNotRetried() async throws {
        let clock = ManualClock(start: Date())
        let attempts = AttemptLog()
        let (server, runtime, file) = try setUp(clock, attempts)
        let candidate = try #require(server.sandbox.greenhouseCandidates.first)
        server.sandbox.setFaults(FaultSettings(forced: [ForcedStatus(status: 500, count: 1)]), for: .greenhouse)
        let greenhouse = try #require(runtime.registry["greenhouse"])
        do {
            _ = try await greenhouse.perform(request("greenhouse", "add_note", ["candidate_id": .int(candidate.id), "body": "note"]))
            Issue.record("a forced 500 succeeded")
        } catch let error as ConnectorError {
            #expect(error.status == 500)
            #expect(error.retryable)  // the recipe's own retry policy may still decide to retry
        }
        #expect(attempts.records.withLock { $0.map(\.status) } == [500])
        #expect(server.sandbox.greenhouseNotes.isEmpty)
        await server.shutdown()
        try? FileManager.default.removeItem(at: file)
    }

    @Test func a500OnAWriteWithADedupeCheckIsRetriedAfterTheCheck() async throws {
        let clock = ManualClock(start: Date())
        let attempts = AttemptLog()
        let (server, runtime, file) = try setUp(clock, attempts)
        let docebo = try #require(runtime.registry["docebo"])
        // Fetch the OAuth token first, so the injected 500 hits the create itself.
        #expect(try await docebo.perform(request("docebo", "find_user_by_email", ["email": "dedupe@example.com"])) == .null)
        server.sandbox.setFaults(FaultSettings(forced: [ForcedStatus(status: 500, count: 1)]), for: .docebo)
        let created = try await docebo.perform(
            request("docebo", "create_user", ["userid": "dedupe@example.com", "email": "dedupe@example.com", "firstname": "D"]))
        #expect(created["user_id"] != nil)
        #expect(server.sandbox.doceboUsers.filter { $0.email == "dedupe@example.com" }.count == 1)
        let purposes = attempts.records.withLock { $0.map(\.purpose) }
        #expect(purposes.contains("check"))
        await server.shutdown()
        try? FileManager.default.removeItem(at: file)
    }

    /// A later attempt of a write (a step retry, or a job resumed after a crash with the write
    /// in flight) runs the dedupe check before sending: a user the first attempt created is
    /// found and returned, and nothing is sent again; a first attempt sends without checking.
    @Test(arguments: [1, 2])
    func aLaterAttemptOfAWriteChecksBeforeSending(_ attempt: Int) async throws {
        let clock = ManualClock(start: Date())
        let attempts = AttemptLog()
        let (server, runtime, file) = try setUp(clock, attempts)
        let docebo = try #require(runtime.registry["docebo"])
        let input: JSONValue = ["userid": "resumed@example.com", "email": "resumed@example.com", "firstname": "R"]
        // The first attempt reached Docebo before the process died.
        _ = try await docebo.perform(request("docebo", "create_user", input))
        attempts.records.withLock { $0.removeAll() }
        var again = request("docebo", "create_user", input)
        again.attempt = attempt
        if attempt == 1 {
            // Without the check, Docebo refuses the second create of the same username.
            await #expect(throws: ConnectorError.self) { try await docebo.perform(again) }
        } else {
            let output = try await docebo.perform(again)
            #expect(output["user_id"] != nil)
            #expect(attempts.records.withLock { $0.map(\.purpose) }.allSatisfy { $0.hasPrefix("check") })
        }
        #expect(server.sandbox.doceboUsers.filter { $0.email == "resumed@example.com" }.count == 1)
        await server.shutdown()
        try? FileManager.default.removeItem(at: file)
    }
}
