// A started recipe keeps running the content it was started with after its file changes.
import Foundation
import RecipeData
import RecipeEngine
import RecipeModel
import RecipeRuntime
import RecipeStore
import RecipeStoreSQLite
import RecipeTestSupport
import Testing

@Suite struct PinnedContentTests {
    static let original = ServiceHarness.recipes["recipes/hr/on-update.json"]!

    /// Start pins the bytes; after an edit the server loads the started content; a new start
    /// pins the edit; a deleted file still runs its started content.
    @Test func serveLoadsTheStartedContentUntilTheRecipeIsStartedAgain() async throws {
        let fixture = try ProjectFixture(ServiceHarness.recipes)
        let store = try SQLiteStore(path: fixture.root.appendingPathComponent("engine.sqlite").path)
        let file = fixture.root.appendingPathComponent("recipes/hr/on-update.json")
        func start() async throws {
            let loaded = OperatorProject(project: fixture.load(), diagnostics: [], rootDisplay: ".")
            let scope = try LifecycleCommands.planStart("hr/on-update", in: loaded)
            _ = try await LifecycleCommands.start(scope, store: store, now: 1)
        }
        try await start()
        #expect(try await PinnedContent.read(root: fixture.root, store: store).overrides.isEmpty)

        let edited = Self.original.replacingOccurrences(of: #""id": "after""#, with: #""id": "later""#)
        try edited.write(to: file, atomically: true, encoding: .utf8)
        let pinned = try await PinnedContent.read(root: fixture.root, store: store)
        let id = RecipeID(folder: "hr", name: "on-update")
        #expect(pinned.overrides[id] == Array(Self.original.utf8))
        let project = ProjectLoader.load(root: fixture.root, pinned: pinned.overrides)
        #expect(project.recipes[id]?.steps.map(\.id) == ["sync", "after"])
        #expect(ProjectLoader.load(root: fixture.root).recipes[id]?.steps.map(\.id) == ["sync", "later"])

        try FileManager.default.removeItem(at: file)
        let gone = try await PinnedContent.read(root: fixture.root, store: store)
        #expect(ProjectLoader.load(root: fixture.root, pinned: gone.overrides).recipes[id]?.steps.map(\.id) == ["sync", "after"])

        try edited.write(to: file, atomically: true, encoding: .utf8)
        try await start()
        #expect(try await PinnedContent.read(root: fixture.root, store: store).overrides.isEmpty)
        #expect(try await store.lifecycle(recipe: "hr/on-update")?.pinnedContentHash == Recipe.contentHash(of: Array(edited.utf8)))
    }

    /// A row pinned before contents were kept: the file runs, and the recipe is named.
    @Test func aPinWithoutKeptContentIsReportedAndTheFileRuns() async throws {
        let fixture = try ProjectFixture(ServiceHarness.recipes)
        let store = InMemoryStore()
        try await store.setLifecycle(RecipeLifecycle(recipe: "hr/on-update", state: .started, pinnedContentHash: "old", changedAt: 0))
        let pinned = try await PinnedContent.read(root: fixture.root, store: store)
        #expect(pinned.overrides.isEmpty && pinned.unavailable == ["hr/on-update"])
    }

    /// Started again while the server runs: the server takes up the new content within
    /// `lifecycleRefresh`, without a restart; jobs before ran the old content.
    @Test func aRunningServerTakesUpARecipeStartedAgain() async throws {
        let harness = try ServiceHarness(settings: RuntimeSettings(idlePoll: 20, lifecycleRefresh: 50))
        func start() async throws {
            let loaded = OperatorProject(project: harness.fixture.load(), diagnostics: [], rootDisplay: ".")
            let scope = try LifecycleCommands.planStart("hr/on-update", in: loaded)
            _ = try await LifecycleCommands.start(scope, store: harness.store, now: Timestamp.milliseconds(Date()))
        }
        try await start()
        try await harness.service.start()
        #expect(await harness.post(ServiceHarness.body("employee.updated", employee: "e-1", n: 1)).status == 200)
        _ = try await harness.settledJobs()
        #expect(harness.docebo.requests(for: "after_sync").count == 1)

        // The second step becomes another action; the file alone changes nothing.
        let edited = Self.original.replacingOccurrences(of: #""action": "after_sync""#, with: #""action": "sync_user""#)
        try edited.write(to: harness.fixture.root.appendingPathComponent("recipes/hr/on-update.json"), atomically: true, encoding: .utf8)
        try await start()
        try await harness.waitForLog("event=recipe.reloaded recipes=hr/on-update")
        #expect(await harness.post(ServiceHarness.body("employee.updated", employee: "e-2", n: 2)).status == 200)
        let jobs = try await harness.settledJobs()
        #expect(jobs.count == 2 && jobs.allSatisfy { $0.status == .succeeded })
        #expect(harness.docebo.requests(for: "after_sync").count == 1)
        #expect(harness.docebo.requests(for: "sync_user").count == 3)
        #expect(jobs[1].job.contentHash == Recipe.contentHash(of: Array(edited.utf8)))
        let record = try JobRecord(json: try #require(jobs[1].result))
        #expect(record.contentHash == jobs[1].job.contentHash)
        await harness.service.stop()
    }
}
