import Foundation
import RecipeData
import RecipeRuntime
import RecipeStore
import RecipeStoreSQLite
import Testing

/// `recipes jobs`, `job`, `deliveries` and `rerun` on the built binary, over a SQLite file the
/// test fills through `SQLiteStore` as `recipes serve` would.
struct OperatorHistoryBinaryTests {
    static let update = "hibob-docebo/capture-user-update"
    static let createUpdate = "hibob-docebo/create-update-user"
    static let trigger: JSONValue = ["type": "employee.updated", "data": ["employeeId": "3332883884017713238"]]

    /// What the test put in the store: times and ids to look for.
    struct History {
        var start: Int64
        var parent: StoredJob
        var child: StoredJob
        var deliveries: [StoredDelivery]
    }

    /// One delivery that started a job (which failed after calling a sub-recipe that
    /// succeeded), one duplicate of it, one delivery that matched nothing.
    static func fill(_ path: String) async throws -> History {
        let store = try SQLiteStore(path: path)
        let start = OperatorTime.nowMilliseconds() - 3_600_000
        func delivery(_ key: String, at offset: Int64) -> NewDelivery {
            NewDelivery(
                body: Array(Self.trigger.jsonString().utf8), headers: ["bob-signature": "x"], connection: "hibob", folder: "hibob-docebo",
                receivedAt: start + offset, dedupKey: key, verification: .verified)
        }
        let job = NewJob(recipe: update, contentHash: "old-hash", trigger: trigger, orderingKey: "3332883884017713238", createdAt: start)
        let deliveries = try await store.appendDeliveries(
            [DeliveryIntake(delivery("k1", at: 0), jobs: [job]), DeliveryIntake(delivery("k1", at: 100), jobs: [job]),
             DeliveryIntake(delivery("k2", at: 200))],
            dedupWindow: StoreDefaults.dedupWindow)
        let parentID = try #require(deliveries[0].jobIDs.first)
        let child = try await store.enqueue([
            NewJob(recipe: createUpdate, contentHash: "c-hash", trigger: ["id": 1], parentID: parentID, createdAt: start + 2_000)
        ])[0]
        let claimed = try await store.claim(owner: "test", now: start + 3_000, lease: 30_000, limit: 10)
        #expect(claimed.map(\.id) == [parentID, child.id])
        _ = try await store.appendJournal(
            NewJournalEntry(jobID: parentID, stepPath: "steps[0]", phase: .started, idempotencyKey: "idem-1", at: start + 3_100),
            owner: "test")
        _ = try await store.appendJournal(
            NewJournalEntry(jobID: parentID, stepPath: "steps[0]", phase: .ended, error: ["message": "Docebo answered 500"], at: start + 3_200),
            owner: "test")
        _ = try await store.finish(jobID: child.id, owner: "test", outcome: .succeeded(["ok": true]), now: start + 3_300)
        let parent = try await store.finish(
            jobID: parentID, owner: "test", outcome: .failed(["message": "Docebo answered 500"]), now: start + 3_400)
        let finishedChild = try #require(try await store.job(id: child.id))
        return History(start: start, parent: parent, child: finishedChild, deliveries: deliveries)
    }

    @Test func jobsListsEveryJobNewestFirstWithFilters() async throws {
        let project = try OperatorFixture()
        try FileManager.default.createDirectory(at: project.database.deletingLastPathComponent(), withIntermediateDirectories: true)
        let history = try await Self.fill(project.database.path)

        let all = try await project.json("jobs")
        let rows = all["jobs"]?.arrayValue ?? []
        #expect(rows.map { $0["id"] } == [.int(Int(history.child.id)), .int(Int(history.parent.id))])
        #expect(rows[0]["parentId"] == .int(Int(history.parent.id)))
        #expect(rows[1]["parentId"] == .null)
        #expect(rows[1]["deliveryId"] == .int(Int(history.deliveries[0].id)))
        #expect(rows[1]["status"] == "failed")
        #expect(rows[1]["createdAt"] == .string(OperatorTime.iso8601(milliseconds: history.start)))
        #expect(rows[1]["finishedAt"] == .string(OperatorTime.iso8601(milliseconds: history.start + 3_400)))

        let failed = try await project.json("jobs", "--status", "failed")
        #expect(failed["jobs"]?.arrayValue?.map { $0["id"] } == [.int(Int(history.parent.id))])
        let byRecipe = try await project.json("jobs", "--recipe", Self.createUpdate)
        #expect(byRecipe["jobs"]?.arrayValue?.map { $0["id"] } == [.int(Int(history.child.id))])
        let since = try await project.json("jobs", "--since", OperatorTime.iso8601(milliseconds: history.start + 1_000))
        #expect(since["jobs"]?.arrayValue?.map { $0["id"] } == [.int(Int(history.child.id))])
        let recent = try await project.json("jobs", "--since", "30m")
        #expect(recent["jobs"]?.arrayValue?.isEmpty == true, "both jobs were created an hour ago")
        let limited = try await project.json("jobs", "--limit", "1")
        #expect(limited["jobs"]?.arrayValue?.count == 1)

        let text = try await project.recipes("jobs")
        let lines = text.stdout.split(separator: "\n")
        #expect(lines.first?.hasPrefix("ID  RECIPE") == true)
        #expect(lines.count == 3)
        #expect(lines[2].hasPrefix("\(history.parent.id)   \(Self.update)"))
    }

    @Test func jobShowsTheTriggerErrorChildrenAndJournal() async throws {
        let project = try OperatorFixture()
        try FileManager.default.createDirectory(at: project.database.deletingLastPathComponent(), withIntermediateDirectories: true)
        let history = try await Self.fill(project.database.path)

        let document = try await project.json("job", String(history.parent.id))
        let job = try #require(document["job"])
        #expect(job["recipe"] == .string(Self.update))
        #expect(job["trigger"] == Self.trigger)
        #expect(job["error"] == ["message": "Docebo answered 500"])
        #expect(job["result"] == .null)
        #expect(job["attempts"] == 1)
        #expect(job["orderingKey"] == "3332883884017713238")
        #expect(job["children"]?.arrayValue?.map { $0["id"] } == [.int(Int(history.child.id))])
        let journal = job["journal"]?.arrayValue ?? []
        #expect(journal.map { $0["phase"] } == ["started", "ended"])
        #expect(journal.map { $0["sequence"] } == [1, 2])
        #expect(journal[0]["idempotencyKey"] == "idem-1")
        #expect(journal[1]["error"] == ["message": "Docebo answered 500"])

        let text = try await project.recipes("job", String(history.parent.id))
        #expect(text.status == 0)
        #expect(text.stdout.contains("status    failed"))
        #expect(text.stdout.contains("children  \(history.child.id) \(Self.createUpdate) succeeded"))
        #expect(text.stdout.contains("journal (2 entries)\n  1  "))
        #expect(text.stdout.contains("steps[0]  ended  error {\"message\":\"Docebo answered 500\"}"))

        let child = try await project.json("job", String(history.child.id))
        #expect(child["job"]?["result"] == ["ok": true])
        #expect(child["job"]?["parentId"] == .int(Int(history.parent.id)))

        let missing = try await project.recipes("job", "999")
        #expect(missing.status == 1)
        #expect(missing.stderr == "recipes: no job 999\n")
    }

    @Test func deliveriesShowVerificationDuplicatesAndTheJobsStarted() async throws {
        let project = try OperatorFixture()
        try FileManager.default.createDirectory(at: project.database.deletingLastPathComponent(), withIntermediateDirectories: true)
        let history = try await Self.fill(project.database.path)

        let document = try await project.json("deliveries")
        let rows = document["deliveries"]?.arrayValue ?? []
        #expect(rows.map { $0["id"] } == history.deliveries.reversed().map { .int(Int($0.id)) })
        let first = rows[2]
        #expect(first["verification"] == "verified")
        #expect(first["folder"] == "hibob-docebo")
        #expect(first["connection"] == "hibob")
        #expect(first["duplicateOf"] == .null)
        #expect(first["receivedAt"] == .string(OperatorTime.iso8601(milliseconds: history.start)))
        #expect(first["jobs"] == [["id": .int(Int(history.parent.id)), "recipe": .string(Self.update), "status": "failed"]])
        #expect(rows[1]["duplicateOf"] == .int(Int(history.deliveries[0].id)))
        #expect(rows[1]["jobs"] == [])
        #expect(rows[0]["jobs"] == [])

        let text = try await project.recipes("deliveries")
        let lines = text.stdout.split(separator: "\n").map(String.init)
        #expect(lines.count == 4)
        #expect(lines[1].hasSuffix("none (no started recipe matched)"))
        #expect(lines[2].hasSuffix("none (duplicate)"))
        #expect(lines[3].hasSuffix("\(history.parent.id) \(Self.update) failed"))
        #expect(lines[3].contains("hibob-docebo/hibob  verified"))

        #expect(try await project.json("deliveries", "--limit", "1")["deliveries"]?.arrayValue?.count == 1)
        #expect(try await project.recipes("deliveries", "--folder", "other").stdout == "no deliveries\n")
    }

    @Test func rerunQueuesALinkedJobWithTheSameTriggerAndRefusesUnfinishedOnes() async throws {
        let project = try OperatorFixture()
        try FileManager.default.createDirectory(at: project.database.deletingLastPathComponent(), withIntermediateDirectories: true)
        let history = try await Self.fill(project.database.path)

        let stopped = try await project.recipes("rerun", String(history.parent.id))
        #expect(stopped.status == 0, "\(stopped.stderr)")
        let firstID = try #require(Int64(stopped.stdout.trimmingCharacters(in: .whitespacesAndNewlines)))
        #expect(stopped.stderr.contains("queued job \(firstID): a re-run of job \(history.parent.id)"))

        _ = try await project.recipes("start", Self.update)
        let pinned = try #require(try await project.json("status")["recipes"]?.arrayValue?.first { $0["recipe"] == .string(Self.update) }?["pinnedContentHash"]?.stringValue)
        let started = try await project.json("rerun", String(history.parent.id))
        let secondID = try #require(started["job"]?["id"]?.intValue)

        let store = try SQLiteStore(path: project.database.path)
        let first = try #require(try await store.job(id: firstID))
        #expect(first.status == .queued)
        #expect(first.job.parentID == history.parent.id)
        #expect(first.job.trigger == Self.trigger)
        #expect(first.job.orderingKey == history.parent.job.orderingKey)
        #expect(first.job.contentHash == "old-hash", "a stopped recipe's re-run runs what the old job ran")
        let second = try #require(try await store.job(id: Int64(secondID)))
        #expect(second.job.contentHash == pinned, "a started recipe's re-run runs its pinned content")
        #expect(second.job.parentID == history.parent.id)

        let refused = try await project.recipes("rerun", String(firstID))
        #expect(refused.status == 1)
        #expect(refused.stderr == "recipes: job \(firstID) is still queued; re-run it once it has finished\n")
        let children = try await project.json("job", String(history.parent.id))["job"]?["children"]?.arrayValue?.map { $0["id"] }
        #expect(children == [.int(Int(history.child.id)), .int(Int(firstID)), .int(secondID)])
    }

    /// `ack` marks a failed job dealt with (retention may prune it); other statuses are
    /// refused; a re-run acknowledges the job it re-runs.
    @Test func ackMarksAFailedJobAndRefusesOthers() async throws {
        let project = try OperatorFixture()
        try FileManager.default.createDirectory(at: project.database.deletingLastPathComponent(), withIntermediateDirectories: true)
        let history = try await Self.fill(project.database.path)
        let acknowledged = try await project.recipes("ack", String(history.parent.id))
        #expect(acknowledged.status == 0, "\(acknowledged.stderr)")
        #expect(acknowledged.stdout == "acknowledged job \(history.parent.id) (\(Self.update), failed)\n")
        let row = try await project.json("job", String(history.parent.id))["job"]
        #expect(row?["acknowledgedAt"]?.stringValue != nil)
        let refused = try await project.recipes("ack", String(history.child.id))
        #expect(refused.status == 1 && refused.stderr.contains("only failed jobs are acknowledged"))
        #expect(try await project.recipes("ack", "999").status == 1)
    }

    @Test func statusCountsRecentFailuresAndNamesTheLastJob() async throws {
        let project = try OperatorFixture()
        try FileManager.default.createDirectory(at: project.database.deletingLastPathComponent(), withIntermediateDirectories: true)
        let history = try await Self.fill(project.database.path)
        let status = try await project.json("status", "hibob-docebo")
        let row = try #require(status["recipes"]?.arrayValue?.first { $0["recipe"] == .string(Self.update) })
        #expect(row["failuresLast24h"] == 1)
        #expect(row["lastJob"]?["id"] == .int(Int(history.parent.id)))
        #expect(row["lastJob"]?["status"] == "failed")
        #expect(row["lastJob"]?["at"] == .string(OperatorTime.iso8601(milliseconds: history.start + 3_400)))
        let child = try #require(status["recipes"]?.arrayValue?.first { $0["recipe"] == .string(Self.createUpdate) })
        #expect(child["failuresLast24h"] == 0)
    }

    @Test func readingCommandsOnAProjectWithoutADatabaseShowNothingAndCreateNothing() async throws {
        let project = try OperatorFixture()
        #expect(try await project.recipes("jobs").stdout == "no jobs\n")
        #expect(try await project.recipes("deliveries").stdout == "no deliveries\n")
        #expect(try await project.json("jobs")["jobs"] == [])
        #expect(try await project.recipes("rerun", "1").stderr == "recipes: no job 1\n")
        #expect(!FileManager.default.fileExists(atPath: project.database.path))
    }
}
