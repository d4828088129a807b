// `recipes start` and `recipes stop`: lifecycle rows in the store, written by
// `LifecycleCommands` (shared with the admin API). On the database, or through a running
// server's admin API (`RECIPES_URL`), which also makes its intake see the change at once.
import Foundation
import RecipeData
import RecipeHTTPCore
import RecipeModel
import RecipeRuntime
import RecipeStore

extension CommandLineTool {
    /// `recipes start`: pins each recipe's current content and marks it started, after checking
    /// that none of them has an error; a started recipe is re-pinned (a restart).
    func start(_ options: Command.LifecycleOptions) async -> Int32 {
        if let remote = adminRemote() { return await lifecycleViaAPI(.start, options, remote) }
        guard let loaded = operatorProject(options.store) else { return ExitStatus.usage }
        let scope: LifecycleScope
        do { scope = try LifecycleCommands.planStart(options.target, in: loaded) } catch {
            if case .invalidRecipes(_, let errors) = error { errors.forEach { console.err($0.description) } }
            return operatorFailed(error)
        }
        guard let store = openStore(options.store, create: true) else { return ExitStatus.failure }
        let changes: [LifecycleChange]
        do { changes = try await LifecycleCommands.start(scope, store: store, now: OperatorTime.nowMilliseconds()) } catch {
            return operatorFailed(error)
        }
        printLifecycle(changes, json: options.store.json)
        return ExitStatus.success
    }

    /// `recipes stop`: marks the recipes stopped; names whose files are gone are still stopped
    /// through their lifecycle rows.
    func stop(_ options: Command.LifecycleOptions) async -> Int32 {
        if let remote = adminRemote() { return await lifecycleViaAPI(.stop, options, remote) }
        guard let loaded = operatorProject(options.store) else { return ExitStatus.usage }
        guard let store = openStore(options.store, create: true) else { return ExitStatus.failure }
        let changes: [LifecycleChange]
        do { changes = try await LifecycleCommands.stop(options.target, in: loaded, store: store, now: OperatorTime.nowMilliseconds()) } catch {
            return operatorFailed(error)
        }
        printLifecycle(changes, json: options.store.json)
        return ExitStatus.success
    }

    private func printLifecycle(_ changes: [LifecycleChange], json: Bool) {
        if json {
            printJSON(LifecycleCommands.document(changes))
        } else {
            changes.forEach { console.out($0.line) }
        }
    }

    /// Start or stop through the admin API. For the text output the recipes' rows are read
    /// first (`GET recipes`), so the lines say what changed as on the database.
    private func lifecycleViaAPI(_ action: LifecycleChange.Action, _ options: Command.LifecycleOptions, _ remote: AdminRemote) async -> Int32 {
        var before: [String: RecipeStatus] = [:]
        if !options.store.json {
            guard let document = await adminCall(remote, .get, "recipes") else { return ExitStatus.failure }
            guard
                let rows = readAnswer(remote, { () throws(OperatorInputError) in
                    try OperatorJSONReading.list(document, "recipes").map(OperatorJSONReading.status)
                })
            else { return ExitStatus.failure }
            before = Dictionary(rows.map { ($0.recipe, $0) }, uniquingKeysWith: { first, _ in first })
        }
        let path = Self.lifecyclePath(options.target) + "/" + action.rawValue
        guard let document = await adminCall(remote, .post, path) else { return ExitStatus.failure }
        if options.store.json {
            printJSON(document)
            return ExitStatus.success
        }
        guard
            let rows = readAnswer(remote, { () throws(OperatorInputError) in
                try OperatorJSONReading.list(document, "recipes").map(OperatorJSONReading.lifecycle)
            })
        else { return ExitStatus.failure }
        var changes = rows.map { LifecycleChange(action: action, recipe: $0.recipe, previous: before[$0.recipe]?.lifecycle, row: $0) }
        if action == .stop {
            // Named by the target but not started: the server wrote no row for them.
            let target = Self.lifecycleReference(options.target)
            let written = Set(rows.map(\.recipe))
            for (name, status) in before where (name == target || name.hasPrefix(target + "/")) && !written.contains(name) {
                changes.append(LifecycleChange(action: .stop, recipe: name, previous: status.lifecycle, row: nil))
            }
            changes.sort { $0.recipe < $1.recipe }
        }
        changes.forEach { console.out($0.line) }
        return ExitStatus.success
    }

    /// A target as the admin API names it: `folder/name` or `folder` (a recipe file's path and a
    /// trailing `/` removed).
    static func lifecycleReference(_ target: String) -> String {
        var reference = target
        while reference.count > 1 && reference.hasSuffix("/") { reference.removeLast() }
        if let range = reference.range(of: "recipes/", options: .backwards) { reference = String(reference[range.upperBound...]) }
        if reference.hasSuffix(".json") { reference.removeLast(5) }
        return reference
    }

    /// `recipes/<folder>/<name>` for a recipe, `folders/<target>` otherwise (a folder, or a
    /// recipe's unique name: the server resolves it as `recipes start` does).
    static func lifecyclePath(_ target: String) -> String {
        let parts = lifecycleReference(target).split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        if parts.count == 2 { return "recipes/\(PercentEncoding.encode(parts[0]))/\(PercentEncoding.encode(parts[1]))" }
        return "folders/\(PercentEncoding.encode(parts.joined(separator: "/")))"
    }
}
