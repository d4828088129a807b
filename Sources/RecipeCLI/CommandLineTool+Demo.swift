import Foundation
import RecipeConnectors
import RecipeData
import RecipeEngine
import RecipeHTTPCore
import RecipeIntake
import RecipeModel
import RecipeSandbox

extension CommandLineTool {
    /// `recipes demo`: the main job with no accounts. Starts the sandbox, makes HiBob changes in
    /// it (hire, update, terminate, delete), and feeds each signed webhook it produces, verified
    /// like the intake will, to the recipes of the folder that listen for it; the recipes call
    /// the sandbox's HiBob and Docebo over real HTTP. Prints each job and the Docebo user after.
    /// One change is made while Docebo refuses everything: that job fails as planned and its
    /// error e-mail goes through SMTP to the sandbox's mail sink, which the demo prints.
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
        var interpreter = Interpreter(
            project: project, connectors: session.runtime.registry,
            notifier: session.runtime.notifier ?? ConsoleNotifier(console: console))
        interpreter.redactor = session.runtime.redactor
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
            var failed = 0
            for event in events {
                failed += await deliver(event, session: session, interpreter: interpreter, project: project, options: options)
            }
            for vendor in SandboxVendor.allCases { session.sandbox.setFaults(FaultSettings(), for: vendor) }
            if change.failsOnPurpose && failed > 0 {
                planned += failed
            } else {
                unexpected += failed + (change.failsOnPurpose ? 1 : 0)
            }
            console.out(change.failsOnPurpose ? session.mailReport() : DemoScenario.doceboSummary(session.sandbox))
        }
        await session.stop()
        let plannedNote = planned == 0 ? "" : " (and \(planned) failed as planned, its error e-mail delivered)"
        console.out(unexpected == 0 ? "\nall jobs succeeded\(plannedNote)" : "\n\(unexpected) job(s) did not end as expected")
        return unexpected == 0 ? ExitStatus.success : ExitStatus.failure
    }

    /// Passes one signed delivery through the webhook intake, as the server will, and runs the
    /// recipes it reaches; returns the failures.
    private func deliver(
        _ event: HiBobEvent, session: SandboxSession, interpreter: Interpreter, project: Project, options: Command.DemoOptions
    ) async -> Int {
        let intake = WebhookIntake(project: project, verifiers: session.runtime.webhookVerifiers)
        let request = DemoScenario.request(for: session.sandbox.delivery(for: event), folder: options.folder, connection: "hibob")
        guard let delivery = accept(request, intake: intake, event: event.type) else { return 1 }
        let type = delivery.eventType ?? event.type
        let recipes = delivery.recipes
        console.out("webhook \(type) (signature verified) → \(recipes.isEmpty ? "no recipe listens" : recipes.map(\.description).joined(separator: ", "))")
        var failures = 0
        let renderer = TraceRenderer()
        for recipe in recipes {
            let record = await interpreter.run(recipe, trigger: delivery.payload)
            if options.trace { console.out(renderer.trace(of: record)) }
            console.out(renderer.summary(of: record).split(separator: "\n").map { "  " + $0 }.joined(separator: "\n"))
            failures += record.failedJobs.count
        }
        return failures
    }
}

extension CommandLineTool {
    /// The intake's accepted delivery for `request`; prints why not and returns `nil` when the
    /// intake refuses it (or it is a ping, which runs nothing).
    func accept(_ request: HTTPRequest, intake: WebhookIntake, event: String) -> AcceptedDelivery? {
        do {
            switch try intake.receive(request, at: Date()) {
            case .accepted(let delivery): return delivery
            case .ping: console.out("webhook \(event): a ping, answered without running anything")
            }
        } catch {
            console.err("webhook \(event): \(error.httpError.message)")
        }
        return nil
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

    /// The HTTP request a sandbox delivery arrives as at the folder's webhook URL.
    static func request(for delivery: WebhookDelivery, folder: String, connection: String) -> HTTPRequest {
        var headers: HTTPHeaders = ["Content-Type": "application/json", "Content-Length": String(delivery.body.count)]
        for (name, value) in delivery.headers.sorted(by: { $0.key < $1.key }) { headers.set(name, value) }
        return HTTPRequest(
            method: .post, target: WebhookIntake.path(folder: folder, connection: connection), headers: headers, body: delivery.body)
    }

    static func doceboSummary(_ sandbox: Sandbox) -> String {
        guard let user = sandbox.doceboUsers.first(where: { $0.email.lowercased() == email }) else {
            return "Docebo: no user \(email)"
        }
        return "Docebo: user \(user.id) \(user.email) \(user.firstName) \(user.lastName), "
            + (user.status == 1 ? "active" : "inactive")
    }
}
