// A recipe started again (re-pinned) while the server runs: the server loads the project with
// every started recipe's kept content and runs it from then on, without a restart. Checked
// every `lifecycleRefresh`, from the same cached lifecycle rows the intake reads.
import Foundation
import RecipeEngine
import RecipeModel
import RecipeStore

extension EngineService {
    /// Loads the project again when a started recipe is pinned to content the served project
    /// does not run; keeps the served project when the new one has errors (logged once).
    func reloadRepinnedRecipes() async {
        let rows: [String: RecipeLifecycle]
        do { rows = try await startedRecipes.rows(now: Timestamp.milliseconds(clock.now())) } catch { return }
        let stale = served.repinned(rows)
        guard !stale.isEmpty, lastReloadAttempt.withLock({ $0 }) != stale else { return }
        lastReloadAttempt.withLock { $0 = stale }
        let root = served.snapshot.project.root
        let pinned: PinnedContent
        do { pinned = try await PinnedContent.read(root: root, store: store) } catch { return }
        let project = ProjectLoader.load(root: root, pinned: pinned.overrides)
        let names = stale.keys.sorted().joined(separator: ",")
        guard !project.diagnostics.hasErrors else {
            log.error("recipe.reload_failed", ["recipes": names], message: "the project has errors; still running the content loaded before")
            return
        }
        let snapshot = served.replace(with: project)
        runScheduler(snapshot.scheduler)
        log.info("recipe.reloaded", ["recipes": names], message: "running the content they were started with")
    }
}
