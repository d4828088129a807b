// `recipes rerun <id>`: a new job with the old one's trigger, linked to it.
import RecipeData
import RecipeRuntime
import RecipeStore

extension CommandLineTool {
    func rerun(_ options: Command.JobOptions) async -> Int32 {
        guard let store = openStore(options.store, create: false) else { return ExitStatus.failure }
        let stored: StoredJob
        do {
            guard let found = try await store.job(id: options.id) else {
                console.err("recipes: no job \(options.id)")
                return ExitStatus.failure
            }
            stored = found
            guard !found.status.isUnfinished else {
                console.err("recipes: job \(options.id) is still \(found.status.rawValue); re-run it once it has finished")
                return ExitStatus.failure
            }
            let lifecycle = try await store.lifecycle(recipe: found.job.recipe)
            let pinned = lifecycle?.state == .started ? lifecycle?.pinnedContentHash : nil
            let job = NewJob(
                recipe: found.job.recipe, contentHash: pinned ?? found.job.contentHash, trigger: found.job.trigger,
                orderingKey: found.job.orderingKey, parentID: found.id, createdAt: OperatorTime.nowMilliseconds())
            guard let created = try await store.enqueue([job]).first else { return storeFailed(StoreError.corrupt("enqueue returned no job")) }
            if options.store.json {
                printJSON(OperatorJSON.document("job", OperatorJSON.jobRow(created)))
            } else {
                console.out("\(created.id)")
                console.err("queued job \(created.id): a re-run of job \(stored.id) (\(DisplayText.line(stored.job.recipe, limit: 200)))")
                if lifecycle?.state != .started {
                    console.err("note: \(stored.job.recipe) is stopped; the job runs the content job \(stored.id) ran")
                }
            }
        } catch { return storeFailed(error) }
        return ExitStatus.success
    }
}
