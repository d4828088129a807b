import Foundation
import RecipeConnectors
import RecipeData
import RecipeEngine
import RecipeHTTPCore
import RecipeIntake
import RecipeModel
import RecipeSandbox

extension CommandLineTool {
    /// `recipes demo`: the main job with no accounts, on the durable engine. Starts the sandbox
    /// and the engine (a fresh SQLite file, `.recipes/demo.sqlite`, and an HTTP server on a free
    /// port), starts the folder's recipes, then makes HiBob changes in the sandbox (hire,
    /// update, terminate, delete). The sandbox sends each signed webhook to the engine over
    /// real HTTP; the engine verifies it, stores it before answering, and runs the started
    /// recipes' jobs, which call the sandbox's HiBob and Docebo. Prints each job and the Docebo
    /// user after. One change is made while Docebo refuses everything: that job fails as
    /// planned and its error e-mail goes through SMTP to the sandbox's mail sink.
    func demo(_ options: Command.DemoOptions) async -> Int32 {
        guard let project = loadProject(options.project) else { return ExitStatus.failure }
        guard project.folders.contains(options.folder) else {
            console.err("recipes: no folder '\(options.folder)'\(Suggestion.didYouMean(options.folder, among: project.folders))")
            return ExitStatus.failure
        }
        let session: SandboxSession
        do {
            session = try SandboxSession(projectRoot: url(options.project).standardizedFileURL, companySize: options.employees, seed: 42)
        } catch {
            console.err("recipes: cannot start the sandbox: \(error)")
            return ExitStatus.failure
        }
        console.out("sandbox: \(session.server.baseURL) (\(session.sandbox.hibobEmployees.count) HiBob employees)")
        guard let engine = await DemoEngine.start(project: project, folder: options.folder, session: session, tool: self) else {
            await session.stop()
            return ExitStatus.failure
        }
        console.out("engine: \(engine.baseURL), store \(engine.displayPath) (see it with: recipes jobs --db \(engine.displayPath))")
        var unexpected = 0
        var planned = 0
        for change in DemoScenario.changes {
            let events: [HiBobEvent]
            do {
                events = try change.apply(session.sandbox)
            } catch {
                console.err("recipes: the sandbox refused '\(change.title)': \(error)")
                unexpected += 1
                continue
            }
            console.out("\n== HiBob: \(change.title)")
            let failed = await engine.deliver(events, trace: options.trace)
            for vendor in SandboxVendor.allCases { session.sandbox.setFaults(FaultSettings(), for: vendor) }
            if change.failsOnPurpose && failed > 0 {
                planned += failed
            } else {
                unexpected += failed + (change.failsOnPurpose ? 1 : 0)
            }
            console.out(change.failsOnPurpose ? session.mailReport() : DemoScenario.doceboSummary(session.sandbox))
        }
        await engine.stop()
        await session.stop()
        let plannedNote = planned == 0 ? "" : " (and \(planned) failed as planned, its error e-mail delivered)"
        console.out(unexpected == 0 ? "\nall jobs succeeded\(plannedNote)" : "\n\(unexpected) job(s) did not end as expected")
        return unexpected == 0 ? ExitStatus.success : ExitStatus.failure
    }
}

/// The HiBob changes `recipes demo` makes, in order, on one new employee.
enum DemoScenario {
    struct Change: Sendable {
        let title: String
        var failsOnPurpose = false
        let apply: @Sendable (Sandbox) throws -> [HiBobEvent]
    }

    static let email = "ada.lovelace@acme.example"

    static let changes: [Change] = [
        Change(title: "hire Ada Lovelace (Engineering)") { sandbox in
            try sandbox.createEmployee(EmployeeDraft(firstName: "Ada", surname: "Lovelace", email: email)).1
        },
        Change(title: "move Ada to Research") { sandbox in
            try sandbox.updateEmployee(email) { $0.department = "Research" }
        },
        Change(title: "terminate Ada today") { sandbox in try sandbox.terminateEmployee(email) },
        Change(title: "delete Ada") { sandbox in try sandbox.deleteEmployee(email) },
        Change(
            title: "hire Grace Hopper while Docebo refuses every request (the job fails on purpose)", failsOnPurpose: true
        ) { sandbox in
            sandbox.setFaults(FaultSettings(forced: [ForcedStatus(status: 400, count: 1_000)]), for: .docebo)
            return try sandbox.createEmployee(EmployeeDraft(firstName: "Grace", surname: "Hopper", email: "grace.hopper@acme.example")).1
        },
    ]

    static func doceboSummary(_ sandbox: Sandbox) -> String {
        guard let user = sandbox.doceboUsers.first(where: { $0.email.lowercased() == email }) else {
            return "Docebo: no user \(email)"
        }
        return "Docebo: user \(user.id) \(user.email) \(user.firstName) \(user.lastName), "
            + (user.status == 1 ? "active" : "inactive")
    }
}
