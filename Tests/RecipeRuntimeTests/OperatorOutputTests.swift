import Foundation
import RecipeData
import RecipeModel
import RecipeRuntime
import RecipeStore
import RecipeTestSupport
import Testing

/// Status computation, JSON shapes, tables and webhook URLs of the operator commands.
@Suite struct OperatorOutputTests {
    static func job(_ id: Int64, status: StoredJobStatus, created: Int64, finished: Int64? = nil) -> StoredJob {
        StoredJob(
            id: id, job: NewJob(recipe: "f/r", contentHash: "h1", trigger: ["a": 1], parentID: id > 1 ? 1 : nil, createdAt: created),
            status: status, attempts: 1, startedAt: created + 10, finishedAt: finished)
    }

    @Test(arguments: [
        // state, pinned, current, changed
        (RecipeRunState.started, "h1", "h1", false),
        (.started, "h1", "h2", true),
        (.stopped, nil, "h2", false),
    ] as [(RecipeRunState, String?, String, Bool)])
    func contentChangesOnlyCountForStartedRecipes(_ state: RecipeRunState, _ pinned: String?, _ current: String, _ changed: Bool) {
        let status = RecipeStatus(
            recipe: "f/r", currentContentHash: current,
            lifecycle: RecipeLifecycle(recipe: "f/r", state: state, pinnedContentHash: pinned, changedAt: 0), lastJob: nil,
            recentFailures: 0)
        #expect(status.contentChanged == changed)
        #expect(status.json["contentChanged"] == .bool(changed))
        #expect(status.cells[2] == (changed ? "changed since start" : state == .started ? "as started" : "-"))
    }

    @Test func aRecipeWithoutALifecycleRowIsStoppedAndShowsItsLastJob() {
        let status = RecipeStatus(
            recipe: "f/r", currentContentHash: "h", lifecycle: nil,
            lastJob: Self.job(7, status: .failed, created: 1_000, finished: 2_000), recentFailures: 3)
        #expect(status.state == .stopped)
        #expect(status.lastJobTime == 2_000)
        #expect(status.cells == ["f/r", "stopped", "-", "7 failed 1970-01-01T00:00:02.000Z", "3"])
        #expect(status.json["lastJob"] == ["id": 7, "status": "failed", "at": "1970-01-01T00:00:02.000Z"])
        #expect(status.json["failuresLast24h"] == 3)
    }

    @Test func aStartedRecipeWhoseFileIsGoneCountsAsChanged() {
        let status = RecipeStatus(
            recipe: "f/gone", currentContentHash: nil,
            lifecycle: RecipeLifecycle(recipe: "f/gone", state: .started, pinnedContentHash: "h", changedAt: 0), lastJob: nil,
            recentFailures: 0)
        #expect(status.contentChanged)
        #expect(status.json["fileLoads"] == false)
        #expect(status.cells[2] == "file missing or invalid")
    }

    @Test func jobDocumentsAreVersionedWithMillisecondTimesAndNullsForAbsentValues() {
        let parent = Self.job(1, status: .failed, created: 1_796_212_800_123, finished: 1_796_212_801_000)
        let child = Self.job(2, status: .queued, created: 1_796_212_800_500)
        let list = OperatorJSON.jobs([child, parent])
        #expect(list["version"] == 1)
        let rows = list["jobs"]?.arrayValue ?? []
        #expect(rows.map { $0["id"] } == [2, 1])
        #expect(rows[0]["parentId"] == 1)
        #expect(rows[1]["parentId"] == .null)
        #expect(rows[1]["createdAt"] == "2026-12-02T12:00:00.123Z")
        #expect(rows[0]["finishedAt"] == .null)
        #expect(rows[0]["trigger"] == nil, "the list leaves the trigger body to 'recipes job'")

        let entry = StoredJournalEntry(
            sequence: 1, entry: NewJournalEntry(jobID: 1, stepPath: "steps[0]", phase: .started, idempotencyKey: "k", at: 5))
        let detail = OperatorJSON.jobDetail(parent, children: [child], journal: [entry])
        #expect(detail["version"] == 1)
        #expect(detail["job"]?["trigger"] == ["a": 1])
        #expect(detail["job"]?["children"]?.arrayValue?.map { $0["id"] } == [2])
        #expect(
            detail["job"]?["journal"]
                == [
                    [
                        "sequence": 1, "at": "1970-01-01T00:00:00.005Z", "stepPath": "steps[0]", "phase": "started",
                        "idempotencyKey": "k", "output": nil, "error": nil,
                    ]
                ])
        #expect(JournalEntryView.line(entry) == "1  1970-01-01T00:00:00.005Z  steps[0]  started  key=k")
    }

    @Test func tablesAlignColumnsAndEscapeControlCharacters() {
        let table = OperatorTable(headers: ["ID", "NAME", "X"], rows: [["1", "a\u{1B}[31m", "y"], ["22", "b", ""]])
        // The escape is 11 characters wide (`a\u{1B}[31m`); no line ends in spaces.
        #expect(table.lines() == ["ID  NAME         X", "1   a\\u{1B}[31m  y", "22  b"])
    }

    @Test func webhookEndpointsGroupTheProjectsWebhookRecipesByFolderAndConnection() throws {
        let fixture = try ProjectFixture([:])
        try FileManager.default.copyItem(
            at: PackagePaths.root.appendingPathComponent("recipes/hibob-docebo"),
            to: fixture.root.appendingPathComponent("recipes/hibob-docebo"))
        let endpoints = WebhookEndpoint.all(in: fixture.load())
        #expect(endpoints.map { "\($0.folder)/\($0.connection)" } == ["hibob-docebo/hibob"])
        let endpoint = try #require(endpoints.first)
        #expect(endpoint.url(host: "127.0.0.1", port: 8080) == "http://127.0.0.1:8080/webhooks/hibob-docebo/hibob")
        #expect(endpoint.url(host: "::1", port: 9) == "http://[::1]:9/webhooks/hibob-docebo/hibob")
        #expect(endpoint.listeners.contains(WebhookEndpoint.Listener(recipe: "hibob-docebo/capture-user-update", events: ["employee.updated"])))
        #expect(!endpoint.listeners.contains { $0.recipe == "hibob-docebo/create-update-user" }, "a function recipe has no URL")
        #expect(WebhookEndpoint(folder: "a b", connection: "c", listeners: []).path == "/webhooks/a%20b/c")
    }
}
