import Foundation
import RecipeConnectors
import RecipeData
import RecipeEngine
import RecipeModel
import RecipeSandbox
import RecipeTestSupport
import Testing

/// The shipped hibob-recruit bundle, run as a customer runs it: Workforce Planning changes
/// made in the sandbox's HiBob, their signed webhooks fed to the recipes that listen, the
/// recipes reading HiBob and writing Recruit over HTTP on 127.0.0.1. What counts is the
/// Recruit state left behind (docs/assumed-apis.md) and that HiBob is never written to.
final class RecruitBundleLoopback: Sendable {
    static let folder = "hibob-recruit"
    let loopback: SandboxServer
    let connectionsFile: URL
    let interpreter: Interpreter
    let project: Project
    let notifier = RecordingNotifier()

    /// - Parameter clock: the engine's clock; a `ManualClock` takes retry waits instantly.
    init(clock: any EngineClock = SystemClock()) throws {
        var configuration = SandboxConfiguration()
        configuration.companySize = 40
        loopback = SandboxServer(configuration)
        try loopback.start()
        let (runtime, file) = try sandboxRuntime(loopback, clock: clock)
        connectionsFile = file
        project = ProjectLoader.load(root: PackagePaths.root)
        #expect(project.diagnostics.filter { $0.severity == .error }.map(\.description) == [])
        var interpreter = Interpreter(project: project, connectors: runtime.registry, notifier: notifier, clock: clock)
        interpreter.redactor = runtime.redactor
        interpreter.jitter = { $0 }
        self.interpreter = interpreter
    }

    var sandbox: Sandbox { loopback.sandbox }

    /// Runs every recipe of the bundle that listens for each event, on the signed delivery's
    /// body; returns their records.
    func deliver(_ events: [HiBobEvent]) async throws -> [JobRecord] {
        var records: [JobRecord] = []
        for event in events {
            let body = try JSONParser.parseValue(sandbox.delivery(for: event).body)
            let recipes = project.recipes(receiving: event.type, from: "hibob", in: Self.folder)
            #expect(recipes.count == 1, "one recipe handles \(event.type)")
            for recipe in recipes { records.append(await interpreter.run(recipe.id, trigger: body)) }
        }
        return records
    }

    /// The Recruit positions of a HiBob position.
    func recruitPositions(for positionID: String) -> [JSONObject] {
        sandbox.recruitPositions.filter { $0["externalId"]?.stringValue == positionID }
    }

    /// The Recruit openings of a HiBob opening.
    func recruitOpenings(for openingID: String) -> [JSONObject] {
        sandbox.recruitOpenings.filter { $0["externalId"]?.stringValue == openingID }
    }

    /// Requests Recruit answered, whatever their status.
    var recruitRequests: Int { sandbox.requestCounts(for: .recruit).values.reduce(0, +) }

    /// Expects every record succeeded.
    func expectSucceeded(_ records: [JobRecord], sourceLocation: Testing.SourceLocation = #_sourceLocation) {
        for record in records {
            #expect(
                record.status == .succeeded, "\(record.recipe): \(record.error?.message ?? "")",
                sourceLocation: sourceLocation)
        }
    }

    func stop() async {
        await loopback.shutdown()
        try? FileManager.default.removeItem(at: connectionsFile)
    }
}
