// `recipes start` and `recipes stop`: lifecycle rows in the store.
import Foundation
import RecipeData
import RecipeModel
import RecipeRuntime
import RecipeStore

extension CommandLineTool {
    /// What a `start`/`stop` argument names: the recipes it covers and the file prefix of the
    /// diagnostics that block a start.
    struct LifecycleScope {
        var recipes: [Recipe]
        /// Diagnostics whose file starts with this (display path) belong to the scope.
        var displayPrefix: String
        /// The folder, when the argument named one.
        var folder: String?
    }

    /// Resolves `target` as a folder under `recipes/`, then as a recipe (also one whose file
    /// does not load, so its errors can be shown); `nil` when it names neither.
    func lifecycleScope(_ target: String, in project: Project, options: Command.StoreOptions) -> LifecycleScope? {
        var reference = target
        while reference.count > 1 && reference.hasSuffix("/") { reference.removeLast() }
        if let range = reference.range(of: "recipes/", options: .backwards) { reference = String(reference[range.upperBound...]) }
        var isDirectory: ObjCBool = false
        let folderURL = project.root.appendingPathComponent("recipes").appendingPathComponent(reference)
        if !reference.hasSuffix(".json"), !reference.contains(".."),
            FileManager.default.fileExists(atPath: folderURL.path, isDirectory: &isDirectory), isDirectory.boolValue
        {
            return LifecycleScope(
                recipes: project.sortedRecipes.filter { $0.id.folder == reference },
                displayPrefix: displayPath("recipes/\(reference)/", project: options.project), folder: reference)
        }
        if let recipe = project.recipe(matching: target) {
            return LifecycleScope(recipes: [recipe], displayPrefix: recipe.location.file, folder: nil)
        }
        if reference.hasSuffix(".json") { reference.removeLast(5) }
        if RecipeID(qualified: reference) != nil, !reference.contains(".."),
            FileManager.default.fileExists(atPath: project.root.appendingPathComponent("recipes/\(reference).json").path)
        {
            return LifecycleScope(recipes: [], displayPrefix: displayPath("recipes/\(reference).json", project: options.project), folder: nil)
        }
        return nil
    }

    /// The message for an argument that names no recipe or folder.
    func noSuchTarget(_ target: String, in project: Project) -> String {
        let names = project.folders + project.sortedRecipes.map(\.qualifiedName)
        return "no recipe or folder '\(DisplayText.line(target, limit: 200))'\(Suggestion.didYouMean(target, among: names))"
    }

    /// `recipes start`: pins each recipe's current content and marks it started, after checking
    /// that none of them has an error; a started recipe is re-pinned (a restart).
    func start(_ options: Command.LifecycleOptions) async -> Int32 {
        guard let project = operatorProject(options.store) else { return ExitStatus.usage }
        guard let scope = lifecycleScope(options.target, in: project, options: options.store) else {
            console.err("recipes: \(noSuchTarget(options.target, in: project))")
            return ExitStatus.failure
        }
        let checks = project.diagnostics
            + ConnectorChecks.diagnostics(for: project, root: project.root, rootDisplay: options.store.project)
        let errors = checks.filter { $0.severity == .error && ($0.location?.file.hasPrefix(scope.displayPrefix) ?? false) }
            .sortedByLocation()
        if !errors.isEmpty {
            errors.forEach { console.err($0.description) }
            console.err(
                "recipes: not started: \(errors.count) error\(errors.count == 1 ? "" : "s") in '\(options.target)'; "
                    + "nothing was started")
            return ExitStatus.failure
        }
        guard !scope.recipes.isEmpty else {
            console.err("recipes: no recipes in '\(options.target)'")
            return ExitStatus.failure
        }
        guard let store = openStore(options.store, create: true) else { return ExitStatus.failure }
        let now = OperatorTime.nowMilliseconds()
        var rows: [RecipeLifecycle] = []
        do {
            for recipe in scope.recipes {
                let previous = try await store.lifecycle(recipe: recipe.qualifiedName)
                let row = RecipeLifecycle(recipe: recipe.qualifiedName, state: .started, pinnedContentHash: recipe.contentHash, changedAt: now)
                try await store.setLifecycle(row)
                rows.append(row)
                if !options.store.json { console.out(DisplayText.line(startLine(recipe, previous: previous))) }
            }
        } catch { return storeFailed(error) }
        if options.store.json { printJSON(OperatorJSON.document("recipes", .array(rows.map(OperatorJSON.lifecycle)))) }
        return ExitStatus.success
    }

    private func startLine(_ recipe: Recipe, previous: RecipeLifecycle?) -> String {
        let content = String(recipe.contentHash.prefix(12))
        guard let previous, previous.state == .started else { return "started \(recipe.qualifiedName) (content \(content))" }
        if previous.pinnedContentHash == recipe.contentHash {
            return "restarted \(recipe.qualifiedName) (content \(content), unchanged)"
        }
        return "restarted \(recipe.qualifiedName) (content \(content), was \(String((previous.pinnedContentHash ?? "none").prefix(12))))"
    }

    /// `recipes stop`: marks the recipes stopped; names whose files are gone are still stopped
    /// through their lifecycle rows.
    func stop(_ options: Command.LifecycleOptions) async -> Int32 {
        guard let project = operatorProject(options.store) else { return ExitStatus.usage }
        guard let store = openStore(options.store, create: true) else { return ExitStatus.failure }
        let now = OperatorTime.nowMilliseconds()
        var rows: [RecipeLifecycle] = []
        do {
            let known = try await store.lifecycles()
            var names: [String]
            if let scope = lifecycleScope(options.target, in: project, options: options.store) {
                names = scope.recipes.map(\.qualifiedName)
                if let folder = scope.folder { names += known.map(\.recipe).filter { $0.hasPrefix(folder + "/") } }
            } else {
                names = known.map(\.recipe).filter { $0 == options.target || $0.hasPrefix(options.target + "/") }
            }
            guard !names.isEmpty else {
                console.err("recipes: \(noSuchTarget(options.target, in: project))")
                return ExitStatus.failure
            }
            for name in Set(names).sorted() {
                let previous = known.first { $0.recipe == name }
                guard previous?.state == .started else {
                    if !options.store.json { console.out(DisplayText.line("\(name) was not started")) }
                    continue
                }
                let row = RecipeLifecycle(recipe: name, state: .stopped, pinnedContentHash: nil, changedAt: now)
                try await store.setLifecycle(row)
                rows.append(row)
                if !options.store.json { console.out(DisplayText.line("stopped \(name)")) }
            }
        } catch { return storeFailed(error) }
        if options.store.json { printJSON(OperatorJSON.document("recipes", .array(rows.map(OperatorJSON.lifecycle)))) }
        return ExitStatus.success
    }
}
