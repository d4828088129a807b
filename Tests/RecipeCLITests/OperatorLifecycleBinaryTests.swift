import Foundation
import RecipeData
import RecipeStore
import RecipeStoreSQLite
import Testing

/// `recipes start`, `stop`, `status` and `webhooks` on the built binary and a real SQLite file.
struct OperatorLifecycleBinaryTests {
    static let update = "hibob-docebo/capture-user-update"
    static let updateFile = "recipes/hibob-docebo/capture-user-update.json"

    /// The state of each recipe in `recipes status --json`, by name.
    static func states(_ status: JSONValue) -> [String: String] {
        var states: [String: String] = [:]
        for row in status["recipes"]?.arrayValue ?? [] {
            states[row["recipe"]?.stringValue ?? ""] = row["state"]?.stringValue
        }
        return states
    }

    @Test func startingABrokenRecipeIsRefusedWithLocatedErrorsAndStartsNothing() async throws {
        let project = try OperatorFixture()
        try project.edit(Self.updateFile, replacing: "\"steps\"", with: "\"stepz\"")
        for target in [Self.update, "hibob-docebo"] {
            let result = try await project.recipes("start", target)
            #expect(result.status == 1)
            let lines = result.stderr.split(separator: "\n").map(String.init)
            #expect(lines.contains { $0.hasPrefix("\(Self.updateFile):") && $0.contains(": error: unknown field 'stepz' in recipe") })
            #expect(lines.last == "recipes: not started: 2 errors in '\(target)'; nothing was started")
            #expect(result.stdout == "")
        }
        let status = try await project.json("status")
        #expect(Set(Self.states(status).values) == ["stopped"])
        #expect(Self.states(status).keys.filter { $0.hasPrefix("hibob-docebo/") }.count == 9, "the broken recipe is listed too, stopped")
    }

    @Test func startPinsTheContentStatusShowsChangesAndARestartPicksThemUp() async throws {
        let project = try OperatorFixture()
        let started = try await project.recipes("start", Self.update)
        #expect(started.status == 0, "\(started.stderr)")
        #expect(started.stdout.hasPrefix("started \(Self.update) (content "))
        #expect(FileManager.default.fileExists(atPath: project.database.path))

        var status = try await project.json("status", "hibob-docebo")
        var row = try #require(status["recipes"]?.arrayValue?.first { $0["recipe"] == .string(Self.update) })
        #expect(row["state"] == "started")
        #expect(row["contentChanged"] == false)
        #expect(row["pinnedContentHash"] == row["contentHash"])
        #expect(Self.states(status).values.filter { $0 == "started" }.count == 1, "only the named recipe started")

        try project.edit(Self.updateFile, with: "\n")
        status = try await project.json("status")
        row = try #require(status["recipes"]?.arrayValue?.first { $0["recipe"] == .string(Self.update) })
        #expect(row["contentChanged"] == true)
        #expect(row["pinnedContentHash"] != row["contentHash"])
        let text = try await project.recipes("status")
        #expect(text.stdout.split(separator: "\n").contains { $0.hasPrefix(Self.update) && $0.contains("started  changed since start") })

        let restarted = try await project.recipes("start", Self.update)
        #expect(restarted.stdout.hasPrefix("restarted \(Self.update) (content "))
        #expect(restarted.stdout.contains(", was "))
        status = try await project.json("status")
        row = try #require(status["recipes"]?.arrayValue?.first { $0["recipe"] == .string(Self.update) })
        #expect(row["contentChanged"] == false)

        let stopped = try await project.recipes("stop", "hibob-docebo")
        #expect(stopped.stdout.contains("stopped \(Self.update)"))
        #expect(stopped.stdout.contains("hibob-docebo/capture-user-left was not started"))
        #expect(Set(Self.states(try await project.json("status")).values) == ["stopped"])
    }

    @Test func aFolderStartsAllItsRecipesInTheDatabaseTheServerReads() async throws {
        let project = try OperatorFixture()
        let document = try await project.json("start", "hibob-docebo")
        let rows = document["recipes"]?.arrayValue ?? []
        #expect(rows.count == 9)
        #expect(rows.allSatisfy { $0["state"] == "started" && $0["pinnedContentHash"]?.stringValue?.count == 64 })
        let store = try SQLiteStore(path: project.database.path)
        let lifecycles = try await store.lifecycles()
        #expect(lifecycles.count == 9)
        #expect(lifecycles.allSatisfy { $0.state == .started })
    }

    @Test func anExplicitDatabaseIsCreatedWhereItIsNamed() async throws {
        let project = try OperatorFixture()
        let database = project.root.appendingPathComponent("elsewhere/ops.sqlite").path
        #expect(try await project.recipes("start", Self.update, "--db", database).status == 0)
        #expect(FileManager.default.fileExists(atPath: database))
        #expect(!FileManager.default.fileExists(atPath: project.database.path))
        let missing = try await project.recipes("jobs", "--db", project.root.appendingPathComponent("nope.sqlite").path)
        #expect(missing.status == 1)
        #expect(missing.stderr.hasPrefix("recipes: no database at"))
    }

    @Test func aStartedRecipeWhoseFileIsGoneIsShownAndCanStillBeStopped() async throws {
        let project = try OperatorFixture()
        #expect(try await project.recipes("start", Self.update).status == 0)
        try FileManager.default.removeItem(at: project.file(Self.updateFile))
        let status = try await project.json("status")
        let row = try #require(status["recipes"]?.arrayValue?.first { $0["recipe"] == .string(Self.update) })
        #expect(row["state"] == "started")
        #expect(row["fileLoads"] == false)
        #expect(row["contentChanged"] == true)
        let stopped = try await project.recipes("stop", Self.update)
        #expect(stopped.status == 0, "\(stopped.stderr)")
        #expect(stopped.stdout == "stopped \(Self.update)\n")
        #expect(Self.states(try await project.json("status"))[Self.update] == "stopped")
    }

    @Test func unknownTargetsAreNamedWithASuggestion() async throws {
        let project = try OperatorFixture()
        let result = try await project.recipes("start", "hibob-docbo")
        #expect(result.status == 1)
        #expect(result.stderr == "recipes: no recipe or folder 'hibob-docbo'; did you mean 'hibob-docebo'?\n")
    }

    @Test func webhooksPrintsTheURLOfEachFolderAndConnection() async throws {
        let project = try OperatorFixture()
        _ = try await project.recipes("start", Self.update)
        let text = try await project.recipes("webhooks", "hibob-docebo")
        #expect(text.status == 0)
        let lines = text.stdout.split(separator: "\n").map(String.init)
        #expect(lines.first == "http://127.0.0.1:8080/webhooks/hibob-docebo/hibob")
        #expect(lines.contains { $0.hasPrefix("  \(Self.update)") && $0.contains("started") && $0.hasSuffix("employee.updated") })
        #expect(lines.contains { $0.hasPrefix("  hibob-docebo/capture-user-create") && $0.contains("stopped") })

        let document = try await project.json("webhooks", "--host", "hooks.example.com", "--port", "443")
        let endpoint = try #require(document["webhooks"]?.arrayValue?.first)
        #expect(endpoint["url"] == "http://hooks.example.com:443/webhooks/hibob-docebo/hibob")
        #expect(endpoint["path"] == "/webhooks/hibob-docebo/hibob")
        #expect(endpoint["connection"] == "hibob")
        #expect(endpoint["recipes"]?.arrayValue?.count == 6)

        let unknown = try await project.recipes("webhooks", "nope")
        #expect(unknown.status == 1)
    }

    @Test func usageErrorsPrintOneLineAndWhereToLook() async throws {
        let project = try OperatorFixture()
        let result = try await project.recipes("jobs", "--limit", "10001")
        #expect(result.status == 64)
        #expect(result.stderr == "recipes: --limit: a limit is a whole number from 1 to 10000, not '10001'\nsee 'recipes help jobs'\n")
        #expect(result.stdout == "")
    }
}
