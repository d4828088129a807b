import Foundation
import RecipeData
import RecipeEngine
import RecipeModel
import RecipeTestSupport
import Testing

/// A project written to disk, checked clean, and an interpreter over it with recording fakes.
struct EngineHarness {
    let fixture: ProjectFixture
    let project: Project
    let clock = ManualClock()
    let notifier = RecordingNotifier()
    var connectors = ConnectorRegistry()
    var limits = EngineLimits()

    /// - Parameter recipes: `name → JSON` for recipes of folder `t`.
    init(_ recipes: [String: String], tables: [String: String] = [:], sourceLocation: Testing.SourceLocation = #_sourceLocation) throws {
        var files: [String: String] = [:]
        for (name, json) in recipes { files["recipes/t/\(name).json"] = json }
        for (name, csv) in tables { files["lookup-tables/\(name).csv"] = csv }
        fixture = try ProjectFixture(files)
        project = fixture.load()
        #expect(project.diagnostics.filter { $0.severity == .error }.map(\.description) == [], sourceLocation: sourceLocation)
    }

    var interpreter: Interpreter {
        var interpreter = Interpreter(project: project, connectors: connectors, notifier: notifier, clock: clock, limits: limits)
        interpreter.jitter = { $0 }
        interpreter.makeJobID = { "job-1" }
        return interpreter
    }

    func run(_ name: String, _ trigger: JSONValue = [:], journal: (any StepJournal)? = nil) async -> JobRecord {
        await interpreter.run(RecipeID(folder: "t", name: name), trigger: trigger, journal: journal)
    }
}

extension JobRecord {
    func step(_ id: String) -> StepRecord? { steps.first { $0.step == id } }
}
