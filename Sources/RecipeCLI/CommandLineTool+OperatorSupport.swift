// What the operator commands share: opening the database, loading the project without
// refusing on problems elsewhere, printing JSON documents.
import Foundation
import RecipeData
import RecipeModel
import RecipeRuntime
import RecipeStore
import RecipeStoreSQLite

extension CommandLineTool {
    /// Opens the database of `options`. With `create`, a missing file (and its `.recipes`
    /// directory) is created; without, a missing default database reads as an empty store
    /// (nothing recorded yet) and a missing `--db` file is an error. `nil` after printing why.
    func openStore(_ options: Command.StoreOptions, create: Bool) -> (any RecipeStore)? {
        let path = url(options.databasePath).standardizedFileURL.path
        if !FileManager.default.fileExists(atPath: path) {
            guard create else {
                if options.db == nil { return InMemoryStore() }
                console.err("recipes: no database at '\(options.databasePath)'")
                return nil
            }
            let directory = URL(fileURLWithPath: path).deletingLastPathComponent()
            do {
                try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            } catch {
                console.err("recipes: cannot create '\(directory.path)': \(error.localizedDescription)")
                return nil
            }
        }
        do {
            return try SQLiteStore(path: path)
        } catch {
            console.err("recipes: \(error) (database '\(options.databasePath)')")
            return nil
        }
    }

    /// Loads the project of `options` without printing its diagnostics (the caller decides which
    /// matter); `nil` after a message when there is no project there.
    func operatorProject(_ options: Command.StoreOptions) -> OperatorProject? {
        let root = url(options.project).standardizedFileURL
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: root.appendingPathComponent("recipes").path, isDirectory: &isDirectory),
            isDirectory.boolValue
        else {
            console.err("recipes: no project at '\(options.project)': expected a directory holding 'recipes/'")
            return nil
        }
        return Self.loadOperatorProject(root: root, display: options.project)
    }

    /// The project at `root` with the diagnostics of every check `recipes validate` makes
    /// (recipes, cross-recipe, connector actions); paths shown under `display`. `recipes serve`
    /// gives this to its admin API, so a start through it is checked the same way.
    static func loadOperatorProject(root: URL, display: String) -> OperatorProject {
        let project = ProjectLoader.load(root: root, displayRoot: display)
        let checks = project.diagnostics + ConnectorChecks.diagnostics(for: project, root: root, rootDisplay: display)
        return OperatorProject(project: project, diagnostics: checks, rootDisplay: display)
    }

    /// A project-relative path as diagnostics show it (`recipes/a/b.json`, or `p/recipes/...`).
    func displayPath(_ relative: String, project: String) -> String {
        if project == "." || project.isEmpty { return relative }
        return project.hasSuffix("/") ? project + relative : project + "/" + relative
    }

    /// Prints a JSON document on standard output, pretty.
    func printJSON(_ document: JSONValue) {
        console.out(document.jsonString(pretty: true))
    }

    /// Reports a refused operator request (`recipes: MESSAGE`) and returns the failure status.
    func operatorFailed(_ error: OperatorError) -> Int32 {
        console.err("recipes: \(error.message)")
        return ExitStatus.failure
    }

    /// Reports a store failure and returns the failure status.
    func storeFailed(_ error: any Error) -> Int32 {
        console.err("recipes: \(error)")
        return ExitStatus.failure
    }
}
