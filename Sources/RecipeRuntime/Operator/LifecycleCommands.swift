// `recipes start` / `stop` and the admin API's start and stop: which recipes a target names,
// the checks that refuse a start, and the lifecycle rows written. One implementation for the
// command line (on the database) and the server (through its admin API).
import Foundation
import RecipeData
import RecipeModel
import RecipeStore

/// What a `start`/`stop` target names: the recipes it covers and the file prefix of the
/// diagnostics that block a start.
public struct LifecycleScope: Sendable {
    public var recipes: [Recipe]
    /// Diagnostics whose file starts with this (display path) belong to the scope.
    public var displayPrefix: String
    /// The folder, when the target named one.
    public var folder: String?
    /// The project directory the recipes were loaded from.
    public var root: URL

    /// Resolves `target` as a folder under `recipes/`, then as a recipe (`folder/name`, a path
    /// to its file, a unique name; also one whose file does not load, so its errors can be
    /// shown); `nil` when it names neither.
    public static func resolve(_ target: String, in loaded: OperatorProject) -> LifecycleScope? {
        let project = loaded.project
        var reference = target
        while reference.count > 1 && reference.hasSuffix("/") { reference.removeLast() }
        if let range = reference.range(of: "recipes/", options: .backwards) { reference = String(reference[range.upperBound...]) }
        var isDirectory: ObjCBool = false
        let folderURL = project.root.appendingPathComponent("recipes").appendingPathComponent(reference)
        if !reference.hasSuffix(".json"), !reference.contains(".."), !reference.isEmpty,
            FileManager.default.fileExists(atPath: folderURL.path, isDirectory: &isDirectory), isDirectory.boolValue
        {
            return LifecycleScope(
                recipes: project.sortedRecipes.filter { $0.id.folder == reference },
                displayPrefix: loaded.displayPath("recipes/\(reference)/"), folder: reference, root: project.root)
        }
        if let recipe = project.recipe(matching: target) {
            return LifecycleScope(recipes: [recipe], displayPrefix: recipe.location.file, folder: nil, root: project.root)
        }
        if reference.hasSuffix(".json") { reference.removeLast(5) }
        if RecipeID(qualified: reference) != nil, !reference.contains(".."),
            FileManager.default.fileExists(atPath: project.root.appendingPathComponent("recipes/\(reference).json").path)
        {
            return LifecycleScope(recipes: [], displayPrefix: loaded.displayPath("recipes/\(reference).json"), folder: nil, root: project.root)
        }
        return nil
    }
}

/// One recipe's lifecycle change, as `start` and `stop` report it.
public struct LifecycleChange: Sendable, Equatable {
    /// `start` or `stop`.
    public enum Action: String, Sendable { case start, stop }

    public var action: Action
    public var recipe: String
    /// The row before.
    public var previous: RecipeLifecycle?
    /// The row written; `nil` when `stop` found the recipe not started.
    public var row: RecipeLifecycle?

    public init(action: Action, recipe: String, previous: RecipeLifecycle?, row: RecipeLifecycle?) {
        self.action = action
        self.recipe = recipe
        self.previous = previous
        self.row = row
    }

    /// The line `recipes start`/`stop` prints: `started a/b (content 1a2b…)`, `restarted a/b
    /// (content …, unchanged)`, `restarted a/b (content …, was …)`, `stopped a/b`, `a/b was not
    /// started`.
    public var line: String {
        switch action {
        case .stop: return DisplayText.line(row == nil ? "\(recipe) was not started" : "stopped \(recipe)")
        case .start:
            let content = String((row?.pinnedContentHash ?? "none").prefix(12))
            guard let previous, previous.state == .started else {
                return DisplayText.line("started \(recipe) (content \(content))")
            }
            if previous.pinnedContentHash == row?.pinnedContentHash {
                return DisplayText.line("restarted \(recipe) (content \(content), unchanged)")
            }
            let was = String((previous.pinnedContentHash ?? "none").prefix(12))
            return DisplayText.line("restarted \(recipe) (content \(content), was \(was))")
        }
    }
}

/// Starts and stops recipes in the store.
public enum LifecycleCommands {
    /// The message for a target that names no recipe or folder (with a suggestion).
    public static func noSuchTarget(_ target: String, in project: Project) -> String {
        let names = project.folders + project.sortedRecipes.map(\.qualifiedName)
        return "no recipe or folder '\(DisplayText.line(target, limit: 200))'\(Suggestion.didYouMean(target, among: names))"
    }

    /// The recipes `target` would start, after the checks: it names a recipe or folder, none of
    /// its files has an error (`invalidRecipes`, the errors sorted by location), and it holds
    /// at least one recipe. Writes nothing.
    public static func planStart(_ target: String, in loaded: OperatorProject) throws(OperatorError) -> LifecycleScope {
        guard let scope = LifecycleScope.resolve(target, in: loaded) else {
            throw .notFound(noSuchTarget(target, in: loaded.project))
        }
        let errors = loaded.diagnostics
            .filter { $0.severity == .error && ($0.location?.file.hasPrefix(scope.displayPrefix) ?? false) }
            .sortedByLocation()
        guard errors.isEmpty else { throw .invalidRecipes(target: target, errors: errors) }
        guard !scope.recipes.isEmpty else { throw .refused("no recipes in '\(DisplayText.line(target, limit: 200))'") }
        return scope
    }

    /// Marks every recipe of `scope` started, pinning its content now: its hash in the
    /// lifecycle row and its bytes in the store, so `recipes serve` runs this content until the
    /// recipe is started again, whatever happens to the file. A started recipe is pinned again
    /// (a restart). A file that changed since it was checked is refused.
    public static func start(_ scope: LifecycleScope, store: any RecipeStore, now: Int64) async throws(OperatorError) -> [LifecycleChange] {
        var changes: [LifecycleChange] = []
        var contents: [[UInt8]] = []
        for recipe in scope.recipes {
            let file = scope.root.appendingPathComponent("recipes/\(recipe.id.folder)/\(recipe.id.name).json")
            guard let bytes = FileManager.default.contents(atPath: file.path).map(Array.init),
                Recipe.contentHash(of: bytes) == recipe.contentHash
            else {
                throw .refused("'\(recipe.qualifiedName)' changed while it was being started; run the command again")
            }
            contents.append(bytes)
        }
        do {
            for (recipe, bytes) in zip(scope.recipes, contents) {
                try await store.saveRecipeContent(bytes, hash: recipe.contentHash)
                let previous = try await store.lifecycle(recipe: recipe.qualifiedName)
                let row = RecipeLifecycle(recipe: recipe.qualifiedName, state: .started, pinnedContentHash: recipe.contentHash, changedAt: now)
                try await store.setLifecycle(row)
                changes.append(LifecycleChange(action: .start, recipe: recipe.qualifiedName, previous: previous, row: row))
            }
        } catch { throw .store(error) }
        return changes
    }

    /// Marks the recipes `target` names stopped; a recipe whose file is gone is still stopped by
    /// its name or folder through its lifecycle row. Recipes that were not started are reported
    /// with no row written.
    public static func stop(_ target: String, in loaded: OperatorProject, store: any RecipeStore, now: Int64) async throws(OperatorError)
        -> [LifecycleChange]
    {
        var changes: [LifecycleChange] = []
        do {
            let known = try await store.lifecycles()
            var names: [String]
            if let scope = LifecycleScope.resolve(target, in: loaded) {
                names = scope.recipes.map(\.qualifiedName)
                if let folder = scope.folder { names += known.map(\.recipe).filter { $0.hasPrefix(folder + "/") } }
            } else {
                names = known.map(\.recipe).filter { $0 == target || $0.hasPrefix(target + "/") }
            }
            guard !names.isEmpty else { throw OperatorError.notFound(noSuchTarget(target, in: loaded.project)) }
            for name in Set(names).sorted() {
                let previous = known.first { $0.recipe == name }
                guard previous?.state == .started else {
                    changes.append(LifecycleChange(action: .stop, recipe: name, previous: previous, row: nil))
                    continue
                }
                let row = RecipeLifecycle(recipe: name, state: .stopped, pinnedContentHash: nil, changedAt: now)
                try await store.setLifecycle(row)
                changes.append(LifecycleChange(action: .stop, recipe: name, previous: previous, row: row))
            }
        } catch let error as OperatorError {
            throw error
        } catch let error as StoreError {
            throw .store(error)
        } catch {
            throw .store(.backend(detail: String(describing: error)))
        }
        return changes
    }

    /// `{"version": 1, "recipes": [row...]}` of the rows written.
    public static func document(_ changes: [LifecycleChange]) -> JSONValue {
        OperatorJSON.document("recipes", .array(changes.compactMap(\.row).map(OperatorJSON.lifecycle)))
    }
}
