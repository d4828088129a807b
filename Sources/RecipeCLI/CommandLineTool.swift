import Foundation
import RecipeData
import RecipeEngine
import RecipeModel

/// Where the tool writes: standard output for results, standard error for diagnostics.
public struct Console: Sendable {
    public var out: @Sendable (String) -> Void
    public var err: @Sendable (String) -> Void

    public init(out: @escaping @Sendable (String) -> Void, err: @escaping @Sendable (String) -> Void) {
        self.out = out
        self.err = err
    }

    public static let standard = Console(
        out: { FileHandle.standardOutput.write(Data(($0 + "\n").utf8)) },
        err: { FileHandle.standardError.write(Data(($0 + "\n").utf8)) })
}

/// Exit statuses, as in sysexits(3) where one fits.
public enum ExitStatus {
    public static let success: Int32 = 0
    /// Problems found, or the job failed.
    public static let failure: Int32 = 1
    /// EX_USAGE: the command line was wrong.
    public static let usage: Int32 = 64
}

/// The `recipes` command-line tool.
public struct CommandLineTool: Sendable {
    public var console: Console
    public var currentDirectory: URL

    public init(console: Console = .standard, currentDirectory: URL = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)) {
        self.console = console
        self.currentDirectory = currentDirectory
    }

    /// Parses and runs a command line (without the program name); returns the exit status.
    public func run(_ arguments: [String]) async -> Int32 {
        let command: Command
        do {
            command = try Command.parse(arguments)
        } catch {
            console.err("recipes: \(error.message)")
            // A known command's mistake gets one line and a pointer to its help; anything else
            // the whole usage.
            if let name = arguments.first, name != "help", Command.names.contains(name) {
                console.err("see 'recipes help \(name)'")
            } else {
                console.err(Help.usage)
            }
            return ExitStatus.usage
        }
        switch command {
        case .validate(let path, let quiet): return validate(path: path, quiet: quiet)
        case .run(let options): return await runRecipe(options)
        case .test(let options): return await test(options)
        case .graph(let folder, let project): return graph(folder: folder, project: project)
        case .demo(let options): return await demo(options)
        case .sandbox(let options): return await serveSandbox(options)
        case .serve(let options): return await serve(options)
        case .schema:
            console.out(RecipeSchema.document.jsonString(pretty: true))
            return ExitStatus.success
        case .help(let topic):
            console.out(Help.text(for: topic))
            return ExitStatus.success
        case .version:
            console.out("recipes \(Help.version) (recipe format \(Recipe.formatVersion))")
            return ExitStatus.success
        // Operator commands (issue 8): CommandLineTool+<Name>.swift
        case .start(let options): return await start(options)
        case .stop(let options): return await stop(options)
        case .status(let options): return await status(options)
        case .jobs(let options): return await jobs(options)
        case .job(let options): return await job(options)
        case .rerun(let options): return await rerun(options)
        case .acknowledge(let options): return await acknowledge(options)
        case .deliveries(let options): return await deliveries(options)
        case .webhooks(let options): return await webhooks(options)
        case .clone(let options): return clone(options)
        }
    }

    func url(_ path: String) -> URL {
        path.hasPrefix("/") ? URL(fileURLWithPath: path) : currentDirectory.appendingPathComponent(path)
    }

    /// Loads the project at `path`, printing its diagnostics; `nil` when it cannot run.
    func loadProject(_ path: String, printWarnings: Bool = true, pinned: [RecipeID: [UInt8]] = [:]) -> Project? {
        let project = ProjectLoader.load(root: url(path).standardizedFileURL, displayRoot: path, pinned: pinned)
        let shown = printWarnings ? project.diagnostics : project.diagnostics.filter { $0.severity == .error }
        shown.forEach { console.err($0.description) }
        if project.diagnostics.hasErrors {
            console.err("recipes: the project has errors; run 'recipes validate' for the full list")
            return nil
        }
        return project
    }

    func validate(path: String, quiet: Bool) -> Int32 {
        let target = url(path).standardizedFileURL
        guard let (root, rootDisplay) = ProjectRoot.find(from: target, display: path) else {
            console.err("recipes: no project at '\(path)': expected a directory holding 'recipes/'")
            return ExitStatus.usage
        }
        let project = ProjectLoader.load(root: root, displayRoot: rootDisplay)
        let scope = ProjectRoot.displayScope(target: target, root: root, rootDisplay: rootDisplay)
        let all = (project.diagnostics + ConnectorChecks.diagnostics(for: project, root: root, rootDisplay: rootDisplay))
            .sortedByLocation()
        let shown = all.filter { diagnostic in
            guard let scope, let file = diagnostic.location?.file else { return true }
            return file.hasPrefix(scope)
        }
        for diagnostic in shown where !(quiet && diagnostic.severity != .error) {
            console.err(diagnostic.description)
        }
        let errors = shown.count { $0.severity == .error }
        let warnings = shown.count { $0.severity == .warning }
        if !quiet || errors > 0 {
            console.err(
                "\(project.recipes.count) recipes, \(project.tables.names.count) lookup tables: "
                    + "\(errors) error\(errors == 1 ? "" : "s"), \(warnings) warning\(warnings == 1 ? "" : "s")")
        }
        return errors > 0 ? ExitStatus.failure : ExitStatus.success
    }

    func graph(folder: String?, project path: String) -> Int32 {
        guard let project = loadProject(path, printWarnings: false) else { return ExitStatus.failure }
        if let folder, !project.folders.contains(folder) {
            console.err("recipes: no folder '\(folder)'\(Suggestion.didYouMean(folder, among: project.folders))")
            return ExitStatus.failure
        }
        console.out(CallGraph(project: project, folder: folder).mermaid)
        return ExitStatus.success
    }
}
