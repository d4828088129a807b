// `recipes status [folder]`: each recipe's state, content drift, last job and recent failures.
import RecipeData
import RecipeModel
import RecipeRuntime
import RecipeStore

extension CommandLineTool {
    func status(_ options: Command.StatusOptions) async -> Int32 {
        guard let project = operatorProject(options.store) else { return ExitStatus.usage }
        guard let store = openStore(options.store, create: false) else { return ExitStatus.failure }
        let now = OperatorTime.nowMilliseconds()
        var rows: [RecipeStatus] = []
        do {
            let lifecycles = try await store.lifecycles()
            let inFolder = { (name: String) in options.folder.map { name.hasPrefix($0 + "/") } ?? true }
            if let folder = options.folder, !project.folders.contains(folder), !lifecycles.contains(where: { inFolder($0.recipe) }) {
                console.err("recipes: no folder '\(DisplayText.line(folder, limit: 200))'\(Suggestion.didYouMean(folder, among: project.folders))")
                return ExitStatus.failure
            }
            var hashes: [String: String?] = [:]
            for recipe in project.sortedRecipes where inFolder(recipe.qualifiedName) { hashes[recipe.qualifiedName] = recipe.contentHash }
            for lifecycle in lifecycles where inFolder(lifecycle.recipe) && hashes[lifecycle.recipe] == nil {
                hashes[lifecycle.recipe] = .some(nil)  // in the store, but its file is gone or does not load
            }
            for name in hashes.keys.sorted() {
                let lastJob = try await store.jobs(JobFilter(recipe: name, limit: 1)).first
                let failures = try await store.jobs(
                    JobFilter(recipe: name, status: .failed, since: now - OperatorLimits.failureWindow, limit: OperatorLimits.maxCountedFailures))
                rows.append(
                    RecipeStatus(
                        recipe: name, currentContentHash: hashes[name] ?? nil, lifecycle: lifecycles.first { $0.recipe == name },
                        lastJob: lastJob, recentFailures: failures.count))
            }
        } catch { return storeFailed(error) }
        if options.store.json {
            printJSON(OperatorJSON.status(rows))
        } else if rows.isEmpty {
            console.out("no recipes")
        } else {
            console.out(OperatorTable(headers: RecipeStatus.headers, rows: rows.map(\.cells)).text)
        }
        return ExitStatus.success
    }
}
