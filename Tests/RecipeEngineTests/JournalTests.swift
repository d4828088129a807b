import Foundation
import RecipeData
import RecipeEngine
import RecipeModel
import RecipeTestSupport
import Synchronization
import Testing

/// Resuming a job whose process died mid-job, as the durable runtime will: each step's record
/// is persisted when the step completes; on restart the job runs again under the *same job id*
/// with those records as its journal. Completed side effects are not repeated, and the action
/// that was in flight when the process died is sent again with the same idempotency key, so a
/// vendor that deduplicates on it applies it once.
struct JournalTests {
    static let sync = """
        {"name": "Sync", "trigger": {"manual": {}},
         "steps": [{"id": "each", "foreach": "trigger.emails", "steps": [
            {"id": "create", "action": "create_user", "connection": "docebo", "input": {"email": "{{ item }}"}}]},
            {"id": "mail", "notify": {"to": "ops@example.com", "subject": "done"}}]}
        """
    static let emails = ["a@example.com", "b@example.com", "c@example.com"]
    static let trigger: JSONValue = ["emails": .array(emails.map(JSONValue.string))]
    static let recipe = RecipeID(folder: "t", name: "sync")

    /// Creates users; with `dyingAt`, the process "dies" while that request (0-based) is in flight.
    static func docebo(dyingAt dying: Int? = nil) -> FunctionConnector {
        let sent = Mutex(0)
        return FunctionConnector([
            "create_user": { request in
                let index = sent.withLock { count in
                    defer { count += 1 }
                    return count
                }
                if index == dying { throw CancellationError() }
                return ["created": request.input["email"] ?? .null]
            }
        ])
    }

    static let jobs = Mutex(0)

    /// An interpreter whose runs get a new job id each, as in production.
    static func interpreter(_ harness: EngineHarness, docebo: FunctionConnector) -> Interpreter {
        var interpreter = harness.interpreter
        interpreter.connectors["docebo"] = docebo
        interpreter.makeJobID = {
            jobs.withLock { count in
                count += 1
                return "job-\(count)"
            }
        }
        return interpreter
    }

    /// `completed`: how many creates had finished when the process died during the next one.
    @Test(arguments: 0..<3)
    func aResumedJobRepeatsNothingCompletedAndKeepsItsIdempotencyKeys(_ completed: Int) async throws {
        let harness = try EngineHarness(["sync": Self.sync])
        let dying = Self.docebo(dyingAt: completed)
        let crashed = await Self.interpreter(harness, docebo: dying).run(Self.recipe, trigger: Self.trigger)
        // What the store had persisted when the process died: the steps that had completed.
        let persisted = crashed.steps.filter { $0.kind.hasSideEffects && $0.status == .succeeded }
        #expect(persisted.count == completed)
        let inFlight = try #require(dying.requests.last)
        #expect(inFlight.input["email"] == .string(Self.emails[completed]))

        let docebo = Self.docebo()
        let resumed = await Self.interpreter(harness, docebo: docebo).run(
            Self.recipe, trigger: Self.trigger, jobID: crashed.id, journal: RecordedJournal(persisted))
        #expect(resumed.id == crashed.id)
        #expect(resumed.status == .succeeded)
        // Nothing completed is repeated; the request in flight is sent again with its key.
        #expect(docebo.requests.map { $0.input["email"] } == Self.emails[completed...].map { .string($0) })
        #expect(docebo.requests.first?.idempotencyKey == inFlight.idempotencyKey)
        #expect(
            resumed.steps.filter { $0.step == "create" }.map(\.status)
                == Array(repeating: .replayed, count: completed) + Array(repeating: .succeeded, count: 3 - completed))
        #expect(resumed.steps.first { $0.step == "create" }?.output == ["created": .string(Self.emails[0])])
        #expect(harness.notifier.notifications.count == 1)

        // Every key is the one an uninterrupted run of the same job would have used.
        let whole = Self.docebo()
        _ = await Self.interpreter(harness, docebo: whole).run(Self.recipe, trigger: Self.trigger, jobID: crashed.id)
        #expect(docebo.requests.map(\.idempotencyKey) == Array(whole.requests.map(\.idempotencyKey)[completed...]))
    }

    /// Why the runtime must pass the job id: the same records replayed under a new id (what this
    /// suite used to do) send the in-flight request with a different key, which a vendor would
    /// treat as a second write.
    @Test func aRunUnderANewIdHasNewIdempotencyKeys() async throws {
        let harness = try EngineHarness(["sync": Self.sync])
        let dying = Self.docebo(dyingAt: 1)
        let crashed = await Self.interpreter(harness, docebo: dying).run(Self.recipe, trigger: Self.trigger)
        let persisted = crashed.steps.filter { $0.kind.hasSideEffects && $0.status == .succeeded }
        let docebo = Self.docebo()
        let rerun = await Self.interpreter(harness, docebo: docebo).run(
            Self.recipe, trigger: Self.trigger, journal: RecordedJournal(persisted))
        #expect(rerun.id != crashed.id)
        #expect(docebo.requests.first?.input["email"] == dying.requests.last?.input["email"])
        #expect(docebo.requests.first?.idempotencyKey != dying.requests.last?.idempotencyKey)
    }

    /// A journal replays only completed side effects: failed and handled steps run again.
    @Test func aJournalHoldsOnlyCompletedSideEffects() async throws {
        let harness = try EngineHarness(["sync": Self.sync])
        let crashed = await Self.interpreter(harness, docebo: Self.docebo(dyingAt: 1)).run(Self.recipe, trigger: Self.trigger)
        let journal = RecordedJournal(crashed.steps)
        let paths = crashed.steps.filter { $0.step == "create" }.map(\.path)
        #expect(paths.count == 2)
        #expect(journal.completedOutput(at: paths[0]) == ["created": .string(Self.emails[0])])
        #expect(journal.completedOutput(at: paths[1]) == nil)
    }
}
