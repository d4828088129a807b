// The admin API's routes in process (Router.handle with HTTPRequest values) over a real SQLite
// file: each answers the document the command line prints for the same data, byte for byte.
import Foundation
import RecipeData
import RecipeHTTPCore
import RecipeModel
import RecipeRuntime
import RecipeStore
import RecipeStoreSQLite
import RecipeTestSupport
import Testing

/// A project (ServiceHarness's `hr` folder plus a broken `bad` folder), a SQLite file and the
/// admin routes over them.
struct AdminHarness {
    static let broken = """
        {"name": "Broken", "trigger": {"webhook": {"connection": "hibob", "events": ["employee.created"]}},
         "stepz": []}
        """
    let fixture: ProjectFixture
    let store: SQLiteStore
    let startedRecipes: StartedRecipes
    let router: Router

    init(access: AdminAccess = .loopbackOnly, refresh: Int64 = 3_600_000) throws {
        var files = ServiceHarness.recipes
        files["recipes/bad/broken.json"] = Self.broken
        let fixture = try ProjectFixture(files)
        self.fixture = fixture
        store = try SQLiteStore(path: fixture.root.appendingPathComponent("engine.sqlite").path)
        startedRecipes = StartedRecipes(store: store, refresh: refresh)
        let root = fixture.root
        let settings = AdminSettings(
            access: access,
            loadProject: {
                let project = ProjectLoader.load(root: root, displayRoot: ".")
                return OperatorProject(project: project, diagnostics: project.diagnostics, rootDisplay: ".")
            })
        var router = Router()
        AdminAPI(store: store, startedRecipes: startedRecipes, settings: settings).register(into: &router)
        self.router = router
    }

    func send(_ method: HTTPMethod, _ path: String, headers: HTTPHeaders = [:]) async -> HTTPResponse {
        await router.handle(HTTPRequest(method: method, target: AdminAPI.prefix + "/" + path, headers: headers))
    }

    /// What the command line prints for `document` with `--json` (pretty, one newline).
    static func printed(_ document: JSONValue) -> String { document.jsonString(pretty: true) + "\n" }

    /// Fills the store as `recipes serve` would: a delivery that started a job which failed after
    /// a journalled step and a child job that succeeded, a duplicate, a delivery that matched
    /// nothing, and a job still queued.
    struct History {
        var parent: StoredJob
        var child: StoredJob
        var queued: StoredJob
        var deliveries: [StoredDelivery]
    }

    func fill() async throws -> History {
        let start = OperatorTime.nowMilliseconds() - 3_600_000
        let trigger: JSONValue = ["type": "employee.updated", "data": ["employeeId": "42"]]
        func delivery(_ key: String, at offset: Int64) -> NewDelivery {
            NewDelivery(
                body: Array(trigger.jsonString().utf8), connection: "hibob", folder: "hr", receivedAt: start + offset, dedupKey: key,
                verification: .verified)
        }
        let job = NewJob(recipe: "hr/on-update", contentHash: "old-hash", trigger: trigger, orderingKey: "hr/hibob/42", createdAt: start)
        let deliveries = try await store.appendDeliveries(
            [DeliveryIntake(delivery("k1", at: 0), jobs: [job]), DeliveryIntake(delivery("k1", at: 100), jobs: [job]),
             DeliveryIntake(delivery("k2", at: 200))],
            dedupWindow: StoreDefaults.dedupWindow)
        let parentID = try #require(deliveries[0].jobIDs.first)
        let child = try await store.enqueue([
            NewJob(recipe: "hr/on-delete", contentHash: "c-hash", trigger: ["id": 1], parentID: parentID, createdAt: start + 2_000)
        ])[0]
        _ = try await store.claim(owner: "test", now: start + 3_000, lease: 30_000, limit: 10)
        _ = try await store.appendJournal(
            NewJournalEntry(jobID: parentID, stepPath: "steps[0]", phase: .started, idempotencyKey: "idem-1", at: start + 3_100), owner: "test")
        _ = try await store.appendJournal(
            NewJournalEntry(jobID: parentID, stepPath: "steps[0]", phase: .ended, error: ["message": "Docebo answered 500"], at: start + 3_200),
            owner: "test")
        let finishedChild = try await store.finish(jobID: child.id, owner: "test", outcome: .succeeded(["ok": true]), now: start + 3_300)
        let parent = try await store.finish(
            jobID: parentID, owner: "test", outcome: .failed(["message": "Docebo answered 500"]), now: start + 3_400)
        let queued = try await store.enqueue([NewJob(recipe: "hr/on-update", contentHash: "h", trigger: trigger, createdAt: start + 4_000)])[0]
        return History(parent: parent, child: finishedChild, queued: queued, deliveries: deliveries)
    }
}

@Suite struct AdminRoutesTests {
    @Test func jobsAnswersTheDocumentOfRecipesJobsForEachFilter() async throws {
        let admin = try AdminHarness()
        let history = try await admin.fill()
        let now = OperatorTime.nowMilliseconds()
        let cases: [(String, JobFilter)] = [
            ("jobs", JobFilter(limit: OperatorLimits.defaultListLimit)),
            ("jobs?status=failed", JobFilter(status: .failed, limit: OperatorLimits.defaultListLimit)),
            ("jobs?recipe=hr%2Fon-delete&limit=5", JobFilter(recipe: "hr/on-delete", limit: 5)),
            ("jobs?limit=1", JobFilter(limit: 1)),
            ("jobs?since=2d", JobFilter(since: now - 2 * 86_400_000, limit: OperatorLimits.defaultListLimit)),
        ]
        for (path, filter) in cases {
            let response = await admin.send(.get, path)
            #expect(response.status == 200, "\(path): \(response.bodyText)")
            #expect(response.headers["Content-Type"] == "application/json")
            let expected = OperatorJSON.jobs(try await admin.store.jobs(filter))
            #expect(response.bodyText == AdminHarness.printed(expected), "\(path)")
        }
        let all = await admin.send(.get, "jobs")
        #expect(all.json?["jobs"]?.arrayValue?.map { $0["id"] } == [history.queued.id, history.child.id, history.parent.id].map { .int(Int($0)) })
    }

    @Test func jobAnswersTheDetailDocumentWithChildrenAndJournal() async throws {
        let admin = try AdminHarness()
        let history = try await admin.fill()
        let response = await admin.send(.get, "jobs/\(history.parent.id)")
        #expect(response.status == 200)
        let detail = try await OperatorQueries.job(history.parent.id, store: admin.store)
        #expect(response.bodyText == AdminHarness.printed(detail.json))
        let job = try #require(response.json?["job"])
        #expect(job["children"]?.arrayValue?.map { $0["id"] } == [.int(Int(history.child.id))])
        #expect(job["journal"]?.arrayValue?.map { $0["phase"] } == ["started", "ended"])
        #expect(job["trigger"]?["data"]?["employeeId"] == "42")
    }

    @Test func anUnknownJobIs404AndABadIdIs400InTheOneErrorShape() async throws {
        let admin = try AdminHarness()
        let missing = await admin.send(.get, "jobs/999")
        #expect(missing.status == 404)
        #expect(missing.json == ["error": ["code": "not_found", "message": "no job 999"]])
        let rerunMissing = await admin.send(.post, "jobs/999/rerun")
        #expect(rerunMissing.status == 404)
        for bad in ["abc", "0", "-1", "99999999999999999999"] {
            let response = await admin.send(.get, "jobs/\(bad)")
            #expect(response.status == 400, "\(bad)")
            #expect(response.json?["error"]?["code"] == "bad_query")
            #expect(response.json?["error"]?["message"]?.stringValue?.hasPrefix("a job id is a whole number from 1 up") == true)
        }
    }

    @Test(arguments: [
        ("jobs?limit=0", "limit: a limit is a whole number from 1 to 10000, not '0'"),
        ("jobs?limit=10001", "limit: a limit is a whole number from 1 to 10000, not '10001'"),
        ("jobs?limit=ten", "limit: a limit is a whole number from 1 to 10000, not 'ten'"),
        ("jobs?status=done", "status: no job status 'done' (one of queued, running, succeeded, failed, cancelled)"),
        ("jobs?since=400d", "since: '400d' reaches back more than the limit of 366d; give a date instead"),
        ("deliveries?since=yesterday",
         "since: 'yesterday' is not a time: use an age such as 30m, 1h, 2d or an ISO 8601 UTC time such as 2026-12-02T12:00:00Z"),
        ("jobs?page=2", "unknown query parameter 'page' (one of recipe, status, since, limit)"),
        ("jobs?limit=1&limit=2", "limit: given more than once"),
        ("deliveries?folder=", "folder: a name of 1 to 400 bytes"),
        ("recipes?recipe=x", "unknown query parameter 'recipe' (one of folder)"),
    ])
    func badQueryValuesAre400WithTheCommandLinesMessages(_ path: String, _ message: String) async throws {
        let admin = try AdminHarness()
        let response = await admin.send(.get, path)
        #expect(response.status == 400)
        #expect(response.json == ["error": ["code": "bad_query", "message": .string(message)]])
    }

    @Test func theMessagesAreTheCommandLinesOnes() throws {
        // The API prefixes the parameter's name where the CLI prefixes the option's (`--limit: ...`).
        #expect(throws: OperatorInputError("a limit is a whole number from 1 to 10000, not '0'")) { try OperatorInput.listLimit("0") }
    }

    @Test func deliveriesAnswersTheDocumentOfRecipesDeliveries() async throws {
        let admin = try AdminHarness()
        let history = try await admin.fill()
        for (path, filter) in [
            ("deliveries", DeliveryFilter(limit: OperatorLimits.defaultListLimit)),
            ("deliveries?folder=hr&connection=hibob&limit=2", DeliveryFilter(folder: "hr", connection: "hibob", limit: 2)),
            ("deliveries?folder=other", DeliveryFilter(folder: "other", limit: OperatorLimits.defaultListLimit)),
        ] {
            let response = await admin.send(.get, path)
            #expect(response.status == 200)
            let expected = DeliveryView.document(try await OperatorQueries.deliveries(filter, store: admin.store))
            #expect(response.bodyText == AdminHarness.printed(expected), "\(path)")
        }
        let rows = await admin.send(.get, "deliveries").json?["deliveries"]?.arrayValue ?? []
        #expect(rows.count == 3)
        #expect(rows.first { $0["duplicateOf"] == .int(Int(history.deliveries[0].id)) } != nil)
    }

    @Test func recipesAnswersTheStatusDocument() async throws {
        let admin = try AdminHarness()
        _ = try await admin.fill()
        let project = ProjectLoader.load(root: admin.fixture.root)
        for (path, folder) in [("recipes", nil), ("recipes?folder=hr", "hr")] as [(String, String?)] {
            let response = await admin.send(.get, path)
            #expect(response.status == 200)
            let rows = try await OperatorQueries.status(folder: folder, project: project, store: admin.store, now: OperatorTime.nowMilliseconds())
            #expect(response.bodyText == AdminHarness.printed(OperatorJSON.status(rows)), "\(path)")
        }
        let missing = await admin.send(.get, "recipes?folder=hx")
        #expect(missing.status == 404)
        #expect(missing.json?["error"]?["message"] == "no folder 'hx'; did you mean 'hr'?")
    }

    @Test func rerunQueuesAJobLinkedToItsParentAndRefusesAnUnfinishedOne() async throws {
        let admin = try AdminHarness()
        let history = try await admin.fill()
        let response = await admin.send(.post, "jobs/\(history.parent.id)/rerun")
        #expect(response.status == 201, "\(response.bodyText)")
        let row = try #require(response.json?["job"])
        let id = try #require(row["id"]?.intValue)
        let created = try #require(try await admin.store.job(id: Int64(id)))
        #expect(response.bodyText == AdminHarness.printed(OperatorJSON.document("job", OperatorJSON.jobRow(created))))
        #expect(created.job.parentID == history.parent.id)
        #expect(created.job.trigger == history.parent.job.trigger)
        #expect(created.job.orderingKey == history.parent.job.orderingKey)
        #expect(created.status == .queued)
        let children = await admin.send(.get, "jobs/\(history.parent.id)").json?["job"]?["children"]?.arrayValue?.map { $0["id"] }
        #expect(children == [.int(Int(history.child.id)), .int(id)])

        let refused = await admin.send(.post, "jobs/\(history.queued.id)/rerun")
        #expect(refused.status == 409)
        #expect(refused.json?["error"]?["message"] == .string("job \(history.queued.id) is still queued; re-run it once it has finished"))
    }

    @Test func ackAcknowledgesAFailedJobAndRefusesOthers() async throws {
        let admin = try AdminHarness()
        let history = try await admin.fill()
        let response = await admin.send(.post, "jobs/\(history.parent.id)/ack")
        #expect(response.status == 200, "\(response.bodyText)")
        let acknowledged = try #require(try await admin.store.job(id: history.parent.id))
        #expect(acknowledged.acknowledgedAt != nil)
        #expect(response.bodyText == AdminHarness.printed(OperatorJSON.document("job", OperatorJSON.jobRow(acknowledged))))
        let refused = await admin.send(.post, "jobs/\(history.queued.id)/ack")
        #expect(refused.status == 409)
        #expect(refused.json?["error"]?["message"] == .string("job \(history.queued.id) is queued; only failed jobs are acknowledged"))
    }

    @Test func aWrongMethodIs405WithAllow() async throws {
        let admin = try AdminHarness()
        let response = await admin.send(.get, "jobs/1/rerun")
        #expect(response.status == 405)
        #expect(response.headers["Allow"] == "POST")
        #expect(await admin.send(.delete, "jobs").status == 405)
    }
}
