import Foundation
import RecipeConnectors
import RecipeData
import RecipeEngine
import RecipeModel

extension CommandLineTool {
    /// `recipes run RECIPE [--input FILE|-] [--mocks FILE] [--trace] [--json]`.
    func runRecipe(_ options: Command.RunOptions) async -> Int32 {
        guard let project = loadProject(options.project) else { return ExitStatus.failure }
        guard let recipe = project.recipe(matching: options.recipe) else {
            let names = project.recipes.keys.map(\.description)
            console.err("recipes: no recipe '\(options.recipe)'\(Suggestion.didYouMean(options.recipe, among: names))")
            return ExitStatus.failure
        }
        guard let trigger = readJSON(options.input, what: "input") else { return ExitStatus.failure }
        var connectors = ConnectorRegistry()
        var notifier: any Notifier = ConsoleNotifier(console: console)
        var redactor: (any TraceRedactor)?
        var session: SandboxSession?
        if options.sandbox {
            let started: SandboxSession
            do {
                started = try SandboxSession(projectRoot: url(options.project).standardizedFileURL, companySize: 200, seed: 42)
            } catch {
                console.err("recipes: cannot start the sandbox: \(error)")
                return ExitStatus.failure
            }
            session = started
            connectors = started.runtime.registry
            redactor = started.runtime.redactor
            if let smtp = started.runtime.notifier { notifier = smtp }
            console.err("sandbox: \(started.server.baseURL)")
        }
        if let connectionsPath = options.connections {
            let (runtime, diagnostics) = ConnectorSetup.load(
                definitionsDirectory: url(options.project).appendingPathComponent("connectors").path,
                connectionsFile: url(connectionsPath).path)
            diagnostics.forEach { console.err($0.description) }
            guard let runtime else { return ExitStatus.failure }
            connectors = runtime.registry
            redactor = runtime.redactor
            if let smtp = runtime.notifier { notifier = smtp }
        }
        if let mocksPath = options.mocks {
            guard let read = readJSON(mocksPath, what: "mocks"), let document = read else { return ExitStatus.failure }
            do {
                for (name, connector) in try ScriptedConnector.registry(fromMocks: document) {
                    connectors[name] = connector
                }
            } catch {
                console.err("\(mocksPath): error: \(error.message)")
                return ExitStatus.failure
            }
        }
        var interpreter = Interpreter(project: project, connectors: connectors, notifier: notifier)
        interpreter.redactor = redactor
        let record = await interpreter.run(recipe.id, trigger: trigger ?? .object([:]))
        if let session, !session.sandbox.mailbox.entries.isEmpty { console.err(session.mailReport()) }
        await session?.stop()
        let renderer = TraceRenderer()
        if options.json {
            console.out(record.jsonValue.jsonString(pretty: true))
        } else {
            if options.trace { console.out(renderer.trace(of: record)) }
            console.out(renderer.summary(of: record))
            if let tree = renderer.treeSummary(of: record) { console.out(tree) }
        }
        // A failed job anywhere in the tree (a child's child included) fails the run.
        return record.failedJobs.isEmpty ? ExitStatus.success : ExitStatus.failure
    }

    /// Reads a JSON document from a file or `-` (standard input). `.some(nil)` when no path.
    private func readJSON(_ path: String?, what: String) -> JSONValue?? {
        guard let path else { return .some(nil) }
        let data: Data?
        if path == "-" {
            data = FileHandle.standardInput.readDataToEndOfFile()
        } else {
            data = FileManager.default.contents(atPath: url(path).path)
        }
        guard let data else {
            console.err("recipes: cannot read the \(what) file '\(path)'")
            return nil
        }
        do {
            return .some(try JSONParser.parseValue(Array(data), path: path == "-" ? "<stdin>" : path))
        } catch {
            console.err(error.diagnostic.description)
            return nil
        }
    }
}

/// Without a mail relay (`--mocks`, or no connections), notifications are printed to standard
/// error instead, and the notify step records them as not sent.
struct ConsoleNotifier: Notifier {
    let console: Console
    var delivers: Bool { false }
    func send(_ notification: MailNotification) async throws {
        console.err("notification to \(notification.to) (not sent: no mail relay in 'recipes run'): \(notification.subject)")
    }
}
