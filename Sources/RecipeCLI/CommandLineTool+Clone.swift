// `recipes clone <folder> <new-folder> [--connection old=new]... [--project DIR] [--json]`:
// copies a bundle folder for production use (docs/cloning.md). The work is FolderClone's
// (RecipeRuntime/Operator); this file parses, prints and renders its refusals.
import RecipeData
import RecipeRuntime

extension Command {
    /// `recipes clone`.
    public struct CloneOptions: Sendable, Equatable {
        public var source: String
        public var target: String
        /// Old connection name → new one, from `--connection OLD=NEW`.
        public var connections: [String: String] = [:]
        public var project = "."
        public var json = false

        public init(source: String, target: String) {
            self.source = source
            self.target = target
        }
    }

    static func parseClone(_ rest: inout ArgumentCursor) throws(UsageError) -> Command {
        var positionals: [String] = []
        var connections: [String: String] = [:]
        var project = "."
        var json = false
        while let argument = rest.next() {
            switch argument {
            case "--connection":
                let value = try rest.value(for: argument)
                let parts = value.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
                guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty else {
                    throw UsageError("--connection needs OLD=NEW, for example hibob=hibob-prod, not '\(value)'")
                }
                guard connections[parts[0]] == nil else { throw UsageError("--connection \(parts[0])=... is given twice") }
                connections[parts[0]] = parts[1]
            case "--project", "-p": project = try rest.value(for: argument)
            case "--json": json = true
            default:
                if argument.hasPrefix("-") && argument.count > 1 { throw UsageError("unknown option '\(argument)'") }
                positionals.append(argument)
            }
        }
        guard positionals.count == 2 else {
            throw UsageError(
                positionals.count < 2
                    ? "clone needs a FOLDER and a NEW-FOLDER, for example: clone hibob-docebo hibob-docebo-prod"
                    : "clone takes two folders, got '\(positionals[2])' too")
        }
        var options = CloneOptions(source: positionals[0], target: positionals[1])
        options.connections = connections
        options.project = project
        options.json = json
        return .clone(options)
    }
}

extension CommandLineTool {
    func clone(_ options: Command.CloneOptions) -> Int32 {
        let root = url(options.project).standardizedFileURL
        guard FolderClone.isDirectory(root.appendingPathComponent("recipes")) else {
            console.err("recipes: no project at '\(options.project)': expected a directory holding 'recipes/'")
            return ExitStatus.usage
        }
        let manifest: FolderCloneManifest
        do {
            manifest = try FolderClone(
                root: root, source: options.source, target: options.target, connections: options.connections
            ).run()
        } catch {
            console.err("recipes: \(error.message)")
            return ExitStatus.failure
        }
        if options.json {
            printJSON(OperatorJSON.document("clone", manifest.json))
            return ExitStatus.success
        }
        let rewritten = manifest.files.count(where: \.rewritten)
        console.out(
            "cloned recipes/\(manifest.source) to recipes/\(manifest.folder): \(manifest.files.count) files, "
                + "\(rewritten) rewritten")
        for old in manifest.connections.keys.sorted() { console.out("  connection \(old) → \(manifest.connections[old]!)") }
        console.out("manifest: recipes/\(manifest.folder)/\(FolderCloneManifest.fileName)")
        console.out(
            "next: recipes validate; recipes webhooks \(manifest.folder) (its own webhook URLs); recipes start \(manifest.folder)")
        return ExitStatus.success
    }
}

extension Help {
    static let cloneText = """
        recipes clone FOLDER NEW-FOLDER [--connection OLD=NEW]... [--project DIR] [--json]
          Copies recipes/FOLDER (every recipe, samples/, tests/, README) to recipes/NEW-FOLDER for
          production use. Calls by bare name resolve in the new folder; calls written
          FOLDER/name are rewritten to NEW-FOLDER/name. --connection OLD=NEW re-binds a
          connection: every webhook trigger and action step naming OLD (and the test cases'
          mocks and expected actions) names NEW instead; NEW must be in connections.example.json
          or a connector under connectors/, with the same connector as OLD, and OLD must be used
          by the folder. The clone's webhook URLs are its own (/webhooks/NEW-FOLDER/<connection>).
          Writes NEW-FOLDER/.clone.json: the source folder, the time, the re-bindings and the
          SHA-256 of every source file (see docs/cloning.md). Refused, with nothing written,
          when NEW-FOLDER exists, FOLDER does not, or a name is not one plain folder name.
          Exit status: 0 cloned, 1 refused, 64 usage.
        """
}
