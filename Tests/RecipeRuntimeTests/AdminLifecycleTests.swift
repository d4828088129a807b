// Start and stop through the admin API: the same checks and rows as `recipes start`/`stop`,
// and the intake sees the change at once.
import Foundation
import RecipeConnectors
import RecipeData
import RecipeEngine
import RecipeHTTPCore
import RecipeIntake
import RecipeModel
import RecipeRuntime
import RecipeStore
import RecipeTestSupport
import Testing

@Suite struct AdminLifecycleTests {
    @Test func startPinsTheContentAndTheIntakeSeesItAtOnce() async throws {
        let admin = try AdminHarness(refresh: 3_600_000)
        let now = OperatorTime.nowMilliseconds()
        #expect(try await admin.startedRecipes.rows(now: now).isEmpty, "cached for an hour from here")

        let response = await admin.send(.post, "recipes/hr/on-update/start")
        #expect(response.status == 200, "\(response.bodyText)")
        let row = try #require(try await admin.store.lifecycle(recipe: "hr/on-update"))
        let project = ProjectLoader.load(root: admin.fixture.root)
        #expect(row.state == .started)
        #expect(row.pinnedContentHash == project.recipes[RecipeID(qualified: "hr/on-update")!]?.contentHash)
        #expect(response.bodyText == AdminHarness.printed(OperatorJSON.document("recipes", [OperatorJSON.lifecycle(row)])))
        #expect(try await admin.startedRecipes.rows(now: now + 1)["hr/on-update"]?.state == .started, "reloaded, not after the refresh")

        let stopped = await admin.send(.post, "folders/hr/stop")
        #expect(stopped.status == 200)
        #expect(stopped.json?["recipes"]?.arrayValue?.map { $0["recipe"] } == ["hr/on-update"], "on-delete was not started")
        #expect(try await admin.startedRecipes.rows(now: now + 2)["hr/on-update"]?.state == .stopped)
    }

    @Test func aFolderStartsWhole() async throws {
        let admin = try AdminHarness()
        let response = await admin.send(.post, "folders/hr/start")
        #expect(response.status == 200)
        #expect(response.json?["recipes"]?.arrayValue?.map { $0["recipe"] } == ["hr/on-delete", "hr/on-update"])
        #expect(try await admin.store.lifecycles().map(\.state) == [.started, .started])
    }

    @Test func startingARecipeWithErrorsIsRefusedWithTheLocatedErrors() async throws {
        let admin = try AdminHarness()
        let response = await admin.send(.post, "folders/bad/start")
        #expect(response.status == 422)
        let error = try #require(response.json?["error"])
        #expect(error["code"] == "invalid_recipes")
        #expect(error["message"]?.stringValue?.hasPrefix("not started: ") == true)
        #expect(error["message"]?.stringValue?.hasSuffix(" in 'bad'; nothing was started") == true)
        let diagnostics = try #require(error["diagnostics"]?.arrayValue)
        #expect(!diagnostics.isEmpty)
        for diagnostic in diagnostics {
            #expect(diagnostic["severity"] == "error")
            #expect(diagnostic["file"] == "recipes/bad/broken.json")
            #expect((diagnostic["line"]?.intValue ?? 0) >= 1)
            #expect(diagnostic["text"]?.stringValue?.hasPrefix("recipes/bad/broken.json:") == true)
        }
        #expect(diagnostics.contains { $0["message"]?.stringValue?.contains("stepz") == true })
        #expect(try await admin.store.lifecycles().isEmpty, "nothing was started")
        // The recipe by name is refused the same way.
        #expect(await admin.send(.post, "recipes/bad/broken/start").status == 422)
    }

    @Test func anUnknownTargetIs404WithASuggestion() async throws {
        let admin = try AdminHarness()
        let response = await admin.send(.post, "recipes/hr/on-updat/start")
        #expect(response.status == 404)
        #expect(response.json?["error"]?["message"] == "no recipe or folder 'hr/on-updat'; did you mean 'hr/on-update'?")
        #expect(await admin.send(.post, "folders/nope/stop").status == 404)
        #expect(await admin.send(.get, "folders/hr/start").status == 405)
    }

    @Test func theServiceServesTheRoutesWhenGivenAdminSettings() async throws {
        let harness = try ServiceHarness()
        // Without admin settings (ServiceHarness passes none) there is no admin API.
        #expect(await harness.router.handle(HTTPRequest(method: .get, target: "/admin/v1/jobs")).status == 404)
        let root = harness.fixture.root
        let service = EngineService(
            store: harness.store, interpreter: Interpreter(project: harness.project, connectors: ConnectorRegistry(), notifier: RecordingNotifier()),
            intake: WebhookIntake(project: harness.project, verifiers: [:]), owner: "admin-test",
            log: EventLog(sink: MemoryLogSink(), clock: { 0 }),
            admin: AdminSettings(
                access: .token("t0k3n"),
                loadProject: {
                    let project = ProjectLoader.load(root: root)
                    return OperatorProject(project: project, diagnostics: project.diagnostics, rootDisplay: ".")
                }))
        let router = service.router()
        #expect(await router.handle(HTTPRequest(method: .get, target: "/admin/v1/jobs")).status == 401)
        let started = await router.handle(
            HTTPRequest(method: .post, target: "/admin/v1/recipes/hr/on-update/start", headers: ["Authorization": "Bearer t0k3n"]))
        #expect(started.status == 200, "\(started.bodyText)")
        let rows = try await service.startedRecipes.rows(now: OperatorTime.nowMilliseconds())
        #expect(rows["hr/on-update"]?.state == .started, "the service's intake sees the start")
        #expect(await router.handle(HTTPRequest(method: .get, target: "/healthz")).status == 200, "the other routes are still there")
    }
}
