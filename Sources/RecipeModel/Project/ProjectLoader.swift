import Foundation
import RecipeData

/// Loads a project directory: `recipes/<folder>/<name>.json` and `lookup-tables/`.
///
/// Loading never stops at the first problem: each file is read, parsed and decoded on its own,
/// and the checker then looks across recipes, so `recipes validate` prints everything at once.
public enum ProjectLoader {
    /// Named limits of project loading.
    public struct Limits: Sendable {
        /// The largest recipe file accepted.
        public var maxRecipeFileBytes = 1 << 20
        public static let `default` = Limits()
    }

    /// - Parameters:
    ///   - root: the project directory (the one holding `recipes/`).
    ///   - displayRoot: how the root is written in messages (`"."` prints paths relative to it).
    ///   - pinned: recipe file contents to use instead of the files on disk (the content a
    ///     started recipe was started with, kept by the store); a pinned recipe whose file was
    ///     deleted is loaded from its content alone.
    public static func load(
        root: URL, displayRoot: String = ".", limits: Limits = .default, pinned: [RecipeID: [UInt8]] = [:]
    ) -> Project {
        let sink = DiagnosticSink()
        let recipesDirectory = root.appendingPathComponent("recipes")
        if !FileManager.default.fileExists(atPath: recipesDirectory.path) {
            sink.error("no 'recipes' directory in \(displayRoot)", at: nil)
        }
        var recipes: [RecipeID: Recipe] = [:]
        for (url, relative) in recipeFiles(under: recipesDirectory) {
            let displayPath = display(displayRoot, "recipes/" + relative)
            guard let id = recipeID(relative: relative) else {
                sink.error("recipe files belong in a folder: recipes/<folder>/<name>.json", at: .file(displayPath))
                continue
            }
            if let bytes = pinned[id] {
                recipes[id] = decodeRecipe(bytes, displayPath: displayPath, id: id, sink: sink)
            } else if let recipe = loadRecipe(url: url, displayPath: displayPath, id: id, limits: limits, sink: sink) {
                recipes[id] = recipe
            }
        }
        for (id, bytes) in pinned where recipes[id] == nil {
            let displayPath = display(displayRoot, "recipes/\(id.folder)/\(id.name).json")
            recipes[id] = decodeRecipe(bytes, displayPath: displayPath, id: id, sink: sink)
        }
        let (tables, tableDiagnostics) = LookupTableSet.load(
            directory: root.appendingPathComponent("lookup-tables"),
            displayPath: display(displayRoot, "lookup-tables"),
            parseJSON: { file in
                do throws(JSONSyntaxError) { return try JSONParser.parseNode(file) } catch { throw error.diagnostic }
            })
        sink.add(contentsOf: tableDiagnostics)
        var project = Project(root: root, recipes: recipes, tables: tables)
        ProjectChecker(project: project, sink: sink).check()
        project.diagnostics = sink.diagnostics.sortedByLocation()
        return project
    }

    /// Parses and decodes one recipe file.
    static func loadRecipe(url: URL, displayPath: String, id: RecipeID, limits: Limits, sink: DiagnosticSink) -> Recipe? {
        guard let data = FileManager.default.contents(atPath: url.path) else {
            sink.error("cannot read the file", at: .file(displayPath))
            return nil
        }
        guard data.count <= limits.maxRecipeFileBytes else {
            sink.error(
                "recipe file is \(data.count) bytes; the limit is \(limits.maxRecipeFileBytes)", at: .file(displayPath))
            return nil
        }
        return decodeRecipe(Array(data), displayPath: displayPath, id: id, sink: sink)
    }

    /// Parses and decodes a recipe's bytes.
    static func decodeRecipe(_ bytes: [UInt8], displayPath: String, id: RecipeID, sink: DiagnosticSink) -> Recipe? {
        let file = SourceFile(path: displayPath, bytes: bytes)
        let root: JSONNode
        do {
            root = try JSONParser.parseNode(file)
        } catch {
            sink.add(error.diagnostic)
            return nil
        }
        return RecipeDecoder(file: file, id: id, sink: sink).decode(root)
    }

    /// Every `<folder>/<name>.json` under `directory` with its path relative to it, sorted.
    /// Deeper files (for example `<folder>/samples/*.json` payloads) are not recipes.
    static func recipeFiles(under directory: URL) -> [(URL, String)] {
        guard let enumerator = FileManager.default.enumerator(atPath: directory.path) else { return [] }
        var files: [(URL, String)] = []
        while let relative = enumerator.nextObject() as? String {
            let parts = relative.split(separator: "/")
            guard relative.hasSuffix(".json"), parts.count <= 2, !parts.contains(where: { $0.hasPrefix(".") })
            else { continue }
            files.append((directory.appendingPathComponent(relative), relative))
        }
        return files.sorted { $0.1 < $1.1 }
    }

    static func recipeID(relative: String) -> RecipeID? {
        RecipeID(qualified: String(relative.dropLast(".json".count)))
    }

    static func display(_ root: String, _ path: String) -> String {
        if root == "." || root.isEmpty { return path }
        return root.hasSuffix("/") ? root + path : root + "/" + path
    }
}
