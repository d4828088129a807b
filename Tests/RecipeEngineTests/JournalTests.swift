import Foundation
import RecipeData
import RecipeEngine
import RecipeModel
import RecipeTestSupport
import Synchronization
import Testing

/// Resuming a job whose process died mid-job, as the durable runtime will: every side-effect
/// step writes a `started` entry to the job's journal before it acts and an `ended` entry when
/// its outcome is known. What the journal holds when the process dies is what a restart reads:
/// the job runs again under the *same job id* with it. Completed side effects are not repeated,
/// and the action that was in flight is sent again with the same idempotency key, so a vendor
/// that deduplicates on it applies it once.
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

    /// What was durable when the process died: the journal's entries at that moment.
    final class Snapshot: Sendable {
        let entries = Mutex<[JournalEntry]?>(nil)
    }

    /// Creates users; with `dyingAt`, the process "dies" while that request (0-based) is in
    /// flight: the journal's entries at that moment are kept in `snapshot`.
    static func docebo(dyingAt dying: Int? = nil, journal: MemoryJournal? = nil, snapshot: Snapshot? = nil) -> FunctionConnector {
        let sent = Mutex(0)
        return FunctionConnector([
            "create_user": { request in
                let index = sent.withLock { count in
                    defer { count += 1 }
                    return count
                }
                if index == dying {
                    snapshot?.entries.withLock { $0 = journal?.entries }
                    throw CancellationError()
                }
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

    /// Runs until the process dies during create number `completed`; returns the job and what
    /// its journal held at that moment.
    static func crash(_ harness: EngineHarness, afterCompleting completed: Int) async throws -> (JobRecord, [JournalEntry], FunctionConnector) {
        let journal = MemoryJournal()
        let snapshot = Snapshot()
        let dying = Self.docebo(dyingAt: completed, journal: journal, snapshot: snapshot)
        let crashed = await Self.interpreter(harness, docebo: dying).run(Self.recipe, trigger: Self.trigger, journal: journal)
        return (crashed, try #require(snapshot.entries.withLock { $0 }), dying)
    }

    /// `completed`: how many creates had finished when the process died during the next one.
    @Test(arguments: 0..<3)
    func aResumedJobRepeatsNothingCompletedAndKeepsItsIdempotencyKeys(_ completed: Int) async throws {
        let harness = try EngineHarness(["sync": Self.sync])
        let (crashed, durable, dying) = try await Self.crash(harness, afterCompleting: completed)
        let inFlight = try #require(dying.requests.last)
        #expect(inFlight.input["email"] == .string(Self.emails[completed]))
        // Write-ahead: the request in flight was announced, with its key, before it was sent.
        #expect(durable.last?.phase == .started)
        #expect(durable.last?.idempotencyKey == inFlight.idempotencyKey)
        #expect(durable.filter { $0.phase == .ended }.count == completed)

        let docebo = Self.docebo()
        let resumed = await Self.interpreter(harness, docebo: docebo).run(
            Self.recipe, trigger: Self.trigger, jobID: crashed.id, journal: MemoryJournal(durable))
        #expect(resumed.id == crashed.id)
        #expect(resumed.status == .succeeded)
        // Nothing completed is repeated; the request in flight is sent again with its key.
        #expect(docebo.requests.map { $0.input["email"] } == Self.emails[completed...].map { .string($0) })
        #expect(docebo.requests.first?.idempotencyKey == inFlight.idempotencyKey)
        let statuses: [StepStatus] = Array(repeating: .replayed, count: completed) + Array(repeating: .succeeded, count: 3 - completed)
        #expect(resumed.steps.filter { $0.step == "create" }.map(\.status) == statuses)
        let firstOutput: JSONValue = ["created": .string(Self.emails[0])]
        #expect(resumed.steps.first { $0.step == "create" }?.output == firstOutput)
        #expect(harness.notifier.notifications.count == 1)

        // Every key is the one an uninterrupted run of the same job would have used.
        let whole = Self.docebo()
        _ = await Self.interpreter(harness, docebo: whole).run(Self.recipe, trigger: Self.trigger, jobID: crashed.id)
        #expect(docebo.requests.map(\.idempotencyKey) == Array(whole.requests.map(\.idempotencyKey)[completed...]))
    }

    /// Why the runtime must pass the job id: the same journal under a new id sends the
    /// in-flight request with a different key, which a vendor would treat as a second write.
    @Test func aRunUnderANewIdHasNewIdempotencyKeys() async throws {
        let harness = try EngineHarness(["sync": Self.sync])
        let (crashed, durable, dying) = try await Self.crash(harness, afterCompleting: 1)
        let docebo = Self.docebo()
        let rerun = await Self.interpreter(harness, docebo: docebo).run(
            Self.recipe, trigger: Self.trigger, journal: MemoryJournal(durable))
        #expect(rerun.id != crashed.id)
        #expect(docebo.requests.first?.idempotencyKey != dying.requests.last?.idempotencyKey)
    }

    /// The entries of an uninterrupted run: `started` before each attempt, `ended` with the
    /// outcome, for side-effect steps only (the loop writes nothing).
    @Test func eachSideEffectStepIsStartedThenEnded() async throws {
        let harness = try EngineHarness(["sync": Self.sync])
        let journal = MemoryJournal()
        let record = await Self.interpreter(harness, docebo: Self.docebo()).run(Self.recipe, trigger: Self.trigger, journal: journal)
        #expect(record.status == .succeeded)
        let phases = journal.entries.map { "\($0.kind.rawValue) \($0.phase.rawValue)" }
        #expect(phases == Array(repeating: ["action started", "action ended"], count: 3).flatMap { $0 } + ["notify started", "notify ended"])
        #expect(journal.entries.allSatisfy { $0.jobID == record.id })
        let ended = journal.entries.filter { $0.phase == .ended }
        #expect(ended.allSatisfy { $0.status == .succeeded })
        #expect(ended.first?.output == ["created": .string(Self.emails[0])])
    }

    @Test func everyAttemptIsAnnouncedAndTheEndCountsThem() async throws {
        let harness = try EngineHarness([
            "once": """
                {"name": "Once", "trigger": {"manual": {}},
                 "steps": [{"id": "create", "action": "create_user", "connection": "docebo", "input": {},
                            "retry": {"retries": 2, "delay": "1s"}}]}
                """
        ])
        let failures = Mutex(1)
        let docebo = FunctionConnector([
            "create_user": { _ in
                if failures.withLock({ count in defer { count -= 1 }; return count > 0 }) {
                    throw ConnectorError(.http, "busy", status: 503)
                }
                return ["user_id": 1]
            }
        ])
        var interpreter = harness.interpreter
        interpreter.connectors["docebo"] = docebo
        let journal = MemoryJournal()
        let record = await interpreter.run(RecipeID(folder: "t", name: "once"), trigger: [:], journal: journal)
        #expect(record.status == .succeeded)
        #expect(journal.entries.map { "\($0.phase.rawValue) \($0.attempt)" } == ["started 1", "started 2", "ended 2"])
        #expect(Set(journal.entries.map(\.idempotencyKey)).count == 1)
    }

    /// A journal that cannot record the start stops the job before the side effect, and
    /// neither retries nor runs the step's error handler (which would act unrecorded).
    @Test func aJournalThatCannotWriteStopsTheJobBeforeTheSideEffect() async throws {
        struct BrokenJournal: StepJournal {
            struct DiskFull: Error, CustomStringConvertible { var description: String { "disk full" } }
            func completedOutput(at path: StepPath) -> JSONValue? { nil }
            func append(_ entry: JournalEntry) async throws { throw DiskFull() }
            func startedAttempts(at path: StepPath) -> Int { 0 }
            func observation(_ name: JournalObservation.Name, ordinal: Int) -> JSONValue? { nil }
            func record(_ observations: [JournalObservation]) async throws { throw DiskFull() }
        }
        let harness = try EngineHarness([
            "guarded": """
                {"name": "Guarded", "trigger": {"manual": {}},
                 "steps": [{"id": "create", "action": "create_user", "connection": "docebo", "input": {},
                            "retry": {"retries": 3, "delay": "1s"},
                            "onError": [{"id": "tell", "notify": {"to": "ops@example.com", "subject": "failed"}}]}]}
                """
        ])
        let docebo = Self.docebo()
        var interpreter = harness.interpreter
        interpreter.connectors["docebo"] = docebo
        let record = await interpreter.run(RecipeID(folder: "t", name: "guarded"), trigger: [:], journal: BrokenJournal())
        #expect(record.status == .failed)
        #expect(record.error?.type == .journal)
        #expect(record.error?.message.contains("disk full") == true)
        #expect(docebo.requests.isEmpty)
        #expect(harness.clock.sleeps.isEmpty)
        #expect(harness.notifier.notifications.isEmpty)
    }

    /// A journal replays only completed side effects: a failed step runs again.
    @Test func aJournalReplaysOnlyCompletedSideEffects() async throws {
        let harness = try EngineHarness(["sync": Self.sync])
        let journal = MemoryJournal()
        _ = await Self.interpreter(harness, docebo: Self.docebo(dyingAt: 1)).run(Self.recipe, trigger: Self.trigger, journal: journal)
        let paths = journal.entries.filter { $0.phase == .ended }.map(\.path)
        #expect(paths.count == 2)
        #expect(journal.completedOutput(at: paths[0]) == ["created": .string(Self.emails[0])])
        #expect(journal.entries.last?.status == .failed)
        #expect(journal.completedOutput(at: paths[1]) == nil)
    }

    /// The job an asynchronous call starts has an id derived from the parent's id and the
    /// call's step path: the same in every run of the parent, so a resumed parent that calls
    /// again names the same child (the store enqueues it once), and distinct per iteration.
    @Test func asyncChildrenHaveIdsDerivedFromTheirParentAndPath() async throws {
        let harness = try EngineHarness([
            "fan": """
                {"name": "Fan", "trigger": {"manual": {}},
                 "steps": [{"id": "each", "foreach": "trigger.items", "steps": [
                    {"id": "spawn", "call": "leaf", "async": true, "input": {}}]}]}
                """,
            "leaf": #"{"name": "Leaf", "trigger": {"function": {}}, "steps": []}"#,
        ])
        let trigger: JSONValue = ["items": [1, 2]]
        let first = await harness.interpreter.run(RecipeID(folder: "t", name: "fan"), trigger: trigger, jobID: "job-a")
        let again = await harness.interpreter.run(RecipeID(folder: "t", name: "fan"), trigger: trigger, jobID: "job-a")
        let other = await harness.interpreter.run(RecipeID(folder: "t", name: "fan"), trigger: trigger, jobID: "job-b")
        let ids = first.children.map(\.id)
        #expect(ids.count == 2 && Set(ids).count == 2)
        #expect(again.children.map(\.id) == ids)
        #expect(Set(other.children.map(\.id)).isDisjoint(with: ids))
        #expect(ids.allSatisfy { $0.count == 36 && $0.split(separator: "-")[2].hasPrefix("8") })
        #expect(first.steps.filter { $0.step == "spawn" }.compactMap { $0.output?["jobId"]?.stringValue } == ids)
        #expect(first.children.allSatisfy { $0.parentID == "job-a" })
    }

    /// `runJob` (the durable runtime's entry) runs one job only: each asynchronous call it makes
    /// rides on its step's `ended` entry for the journal to enqueue, with the tree's count so
    /// far, and a resumed job whose call step completed queues nothing again.
    @Test func runJobLeavesAsyncCallsToTheJournal() async throws {
        let harness = try EngineHarness([
            "fan": """
                {"name": "Fan", "trigger": {"manual": {}},
                 "steps": [{"id": "each", "foreach": "trigger.items", "steps": [
                    {"id": "spawn", "call": "leaf", "async": true, "input": {"n": "{{ item }}"}}]}]}
                """,
            "leaf": #"{"name": "Leaf", "trigger": {"function": {"parameters": {"n": "number"}}}, "steps": []}"#,
        ])
        let journal = MemoryJournal()
        let fan = RecipeID(folder: "t", name: "fan")
        let record = await harness.interpreter.runJob(
            fan, trigger: ["items": [1, 2]], jobID: "job-a", journal: journal, asyncCallsBefore: 5)
        #expect(record.status == .succeeded && record.children.isEmpty)
        let queued = journal.entries.compactMap(\.queuedCall)
        #expect(queued.map(\.input) == [["n": 1], ["n": 2]])
        #expect(queued.map(\.recipe) == [RecipeID(folder: "t", name: "leaf"), RecipeID(folder: "t", name: "leaf")])
        #expect(queued.map(\.asyncCallsInTree) == [6, 7])
        #expect(queued.map(\.jobID) == record.steps.filter { $0.step == "spawn" }.compactMap { $0.output?["jobId"]?.stringValue })
        #expect(journal.entries.filter { $0.phase == .started }.allSatisfy { $0.queuedCall == nil })
        let resumed = await harness.interpreter.runJob(fan, trigger: ["items": [1, 2]], jobID: "job-a", journal: journal)
        #expect(resumed.steps.filter { $0.step == "spawn" }.allSatisfy { $0.status == .replayed })
        #expect(journal.entries.compactMap(\.queuedCall).count == 2)
    }

    /// A side-effect step that ended in failure is not run again when the job resumes: it
    /// fails the same way (not retried), and its handler's e-mail, already sent, is replayed.
    @Test func aStepThatEndedInFailureFailsAgainWithoutActing() async throws {
        var harness = try EngineHarness([
            "sync": """
                {"name": "Sync", "trigger": {"manual": {}},
                 "steps": [{"id": "create", "action": "create_user", "connection": "docebo", "input": {},
                            "retry": {"retries": 2, "delay": "1s"},
                            "onError": [{"id": "mail", "notify": {"to": "ops@example.com", "subject": "failed"}}]},
                           {"id": "after", "set": {"done": true}}]}
                """
        ])
        let docebo = FunctionConnector(["create_user": { _ in throw ConnectorError(.http, "HTTP 400: already exists", status: 400) }])
        harness.connectors["docebo"] = docebo
        let journal = MemoryJournal()
        let first = await harness.run("sync", journal: journal)
        #expect(first.step("create")?.status == .handled && docebo.requests.count == 1)
        #expect(harness.notifier.notifications.count == 1)
        let resumed = await harness.run("sync", journal: journal)
        #expect(docebo.requests.count == 1)
        #expect(resumed.step("create")?.status == .handled)
        #expect(resumed.step("create")?.error?.message == first.step("create")?.error?.message)
        #expect(resumed.step("mail")?.status == .replayed && harness.notifier.notifications.count == 1)
        #expect(resumed.status == .succeeded && resumed.step("after")?.status == .succeeded)
    }

    /// A retry wait longer than `maxInProcessWait` suspends the job instead of sleeping: the
    /// record is `waiting` with the wait, no handler runs; resumed later with its journal, the
    /// step goes on with its next attempt.
    @Test func aLongRetryWaitSuspendsTheJobAndTheResumedJobGoesOnCounting() async throws {
        var harness = try EngineHarness([
            "sync": """
                {"name": "Sync", "trigger": {"manual": {}},
                 "steps": [{"id": "create", "action": "create_user", "connection": "docebo", "input": {},
                            "retry": {"retries": 3, "delay": "1m"},
                            "onError": [{"id": "mail", "notify": {"to": "ops@example.com", "subject": "failed"}}]}]}
                """
        ])
        let calls = Mutex(0)
        harness.connectors["docebo"] = FunctionConnector([
            "create_user": { _ in
                let call = calls.withLock { count in
                    count += 1
                    return count
                }
                if call == 1 { throw ConnectorError(.http, "HTTP 503", status: 503, retryable: true) }
                return ["id": 7]
            }
        ])
        var interpreter = harness.interpreter
        interpreter.maxInProcessWait = .seconds(10)
        let journal = MemoryJournal()
        let recipe = RecipeID(folder: "t", name: "sync")
        let suspended = await interpreter.runJob(recipe, trigger: [:], jobID: "job-w", journal: journal)
        #expect(suspended.status == .waiting && suspended.error?.type == .suspended)
        #expect(suspended.error?.retryAfter == .seconds(60))
        #expect(suspended.step("create")?.status == .running && suspended.step("mail") == nil)
        #expect(harness.clock.sleeps.isEmpty && harness.notifier.notifications.isEmpty)
        let resumed = await interpreter.runJob(recipe, trigger: [:], jobID: "job-w", journal: journal)
        #expect(resumed.status == .succeeded && resumed.step("create")?.attempts == 2)
        #expect(calls.withLock { $0 } == 2)
    }

    /// `uuid()` is derived from the job id and how many came before in the job: a resumed job
    /// sends the ids it sent before, every job and every call gets its own.
    @Test func uuidsAreTheSameInEveryRunOfAJob() async throws {
        let harness = try EngineHarness([
            "ids": #"{"name": "Ids", "trigger": {"manual": {}}, "steps": [{"id": "s", "set": {"a": "{{ uuid() }}", "b": "{{ uuid() }}"}}]}"#
        ])
        func ids(_ job: String) async -> [String] {
            let record = await harness.interpreter.run(RecipeID(folder: "t", name: "ids"), trigger: [:], jobID: job)
            return ["a", "b"].compactMap { record.steps.first?.output?[$0]?.stringValue }
        }
        let first = await ids("job-a"), again = await ids("job-a"), other = await ids("job-b")
        #expect(first.count == 2 && first[0] != first[1])
        #expect(again == first)
        #expect(Set(other).isDisjoint(with: first))
        #expect(first.allSatisfy { UUID(uuidString: $0) != nil && $0 == $0.lowercased() })
    }

    /// What a job read from the world — its start time (its deadline counts from it) and every
    /// `now()` — is written before the side effect that used it, and a resumed job reads it
    /// back: the request it sends again carries what the first run computed.
    @Test func aResumedJobReplaysItsStartTimeAndWhatNowReturned() async throws {
        let harness = try EngineHarness([
            "stamp": """
                {"name": "Stamp", "trigger": {"manual": {}},
                 "steps": [{"id": "when", "set": {"at": "{{ now() }}", "started": "{{ job.startedAt }}"}},
                           {"id": "send", "action": "create_user", "connection": "docebo",
                            "input": {"at": "{{ vars.at }}", "later": "{{ now() }}"}}]}
                """
        ])
        let journal = MemoryJournal()
        let snapshot = Snapshot()
        let dying = Self.docebo(dyingAt: 0, journal: journal, snapshot: snapshot)
        let recipe = RecipeID(folder: "t", name: "stamp")
        let crashed = await Self.interpreter(harness, docebo: dying).run(recipe, trigger: [:], journal: journal)
        let durable = try #require(snapshot.entries.withLock { $0 })
        // The observations were written before the `started` entry of the action that used them.
        #expect(journal.observations.map { "\($0.name.rawValue) \($0.ordinal)" } == ["startedAt 0", "now 0", "now 1"])
        let sent = try #require(dying.requests.first?.input)

        harness.clock.advance(by: 3600)  // the process comes back an hour later
        let docebo = Self.docebo()
        let resumed = await Self.interpreter(harness, docebo: docebo).run(
            recipe, trigger: [:], jobID: crashed.id, journal: MemoryJournal(durable, observations: journal.observations))
        #expect(resumed.status == .succeeded)
        #expect(docebo.requests.first?.input == sent)
        #expect(resumed.startedAt == crashed.startedAt)
        #expect(resumed.steps.first?.output?["started"] == crashed.steps.first?.output?["started"])

        // Without the observations, the same resume computes new values.
        let fresh = Self.docebo()
        _ = await Self.interpreter(harness, docebo: fresh).run(recipe, trigger: [:], jobID: crashed.id, journal: MemoryJournal(durable))
        #expect(fresh.requests.first?.input != sent)
    }

    /// A step that crashed during its second attempt resumes with its third: the retries the
    /// recipe allows are counted over every run of the job, not granted afresh.
    @Test func aResumedStepGoesOnCountingItsAttempts() async throws {
        let harness = try EngineHarness([
            "once": """
                {"name": "Once", "trigger": {"manual": {}},
                 "steps": [{"id": "create", "action": "create_user", "connection": "docebo", "input": {},
                            "retry": {"retries": 2, "delay": "1s"}}]}
                """
        ])
        let recipe = RecipeID(folder: "t", name: "once")
        let path = StepPath([.init(recipe: "t/once", step: "create")])
        let durable = [1, 2].map { attempt in
            JournalEntry(
                jobID: "job-x", path: path, kind: .action, phase: .started, attempt: attempt,
                idempotencyKey: "job-x:t/once#create", at: Date(timeIntervalSince1970: 0))
        }
        let docebo = FunctionConnector(["create_user": { _ in throw ConnectorError(.http, "busy", status: 503) }])
        var interpreter = harness.interpreter
        interpreter.connectors["docebo"] = docebo
        let journal = MemoryJournal(durable)
        let record = await interpreter.run(recipe, trigger: [:], jobID: "job-x", journal: journal)
        #expect(record.status == .failed)
        #expect(docebo.requests.map(\.attempt) == [3], "one attempt left of three")
        #expect(journal.entries.suffix(2).map { "\($0.phase.rawValue) \($0.attempt)" } == ["started 3", "ended 3"])
    }
}

/// Reads and synchronous calls are journaled by their end alone: a read in flight at a crash is
/// made again, harmlessly; a write is announced before every attempt.
struct JournalAnnouncementTests {
    struct ReadingConnector: Connector {
        func perform(_ request: ActionRequest) async throws -> JSONValue { ["ok": true] }
        func isIdempotent(_ action: String) -> Bool { action == "get_user" }
    }

    @Test func onlyWritesAreAnnouncedBeforeTheyAct() async throws {
        var harness = try EngineHarness([
            "sync": """
                {"name": "Sync", "trigger": {"manual": {}},
                 "steps": [{"id": "read", "action": "get_user", "connection": "docebo", "input": {}},
                           {"id": "inner", "call": "leaf", "input": {}},
                           {"id": "write", "action": "create_user", "connection": "docebo", "input": {}}]}
                """,
            "leaf": #"{"name": "Leaf", "trigger": {"function": {}}, "steps": []}"#,
        ])
        harness.connectors["docebo"] = ReadingConnector()
        let journal = MemoryJournal()
        let record = await harness.run("sync", journal: journal)
        #expect(record.status == .succeeded)
        #expect(journal.entries.map { "\($0.path.description.split(separator: "#").last ?? "") \($0.phase.rawValue)" } == [
            "read ended", "inner ended", "write started", "write ended",
        ])
        // Replayed from those entries alone.
        let resumed = await harness.run("sync", journal: journal)
        #expect(resumed.steps.map(\.status) == [.replayed, .replayed, .replayed])
    }
}
