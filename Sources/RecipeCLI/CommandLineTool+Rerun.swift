// `recipes rerun <id>`: a new job with the old one's trigger, linked to it. On the database, or
// through a running server's admin API (`RECIPES_URL`).
import RecipeData
import RecipeRuntime
import RecipeStore

extension CommandLineTool {
    func rerun(_ options: Command.JobOptions) async -> Int32 {
        if let remote = adminRemote() {
            guard let document = await adminCall(remote, .post, "jobs/\(options.id)/rerun") else { return ExitStatus.failure }
            if options.store.json {
                printJSON(document)
            } else {
                guard let created = readAnswer(remote, { () throws(OperatorInputError) in try OperatorJSONReading.job(OperatorJSONReading.record(document, "job")) })
                else { return ExitStatus.failure }
                console.out("\(created.id)")
                console.err("queued job \(created.id): a re-run of job \(options.id) (\(DisplayText.line(created.job.recipe, limit: 200)))")
                if await remoteRecipeIsStopped(created.job.recipe, remote) {
                    console.err("note: \(created.job.recipe) is stopped; the job runs the content job \(options.id) ran")
                }
            }
            return ExitStatus.success
        }
        guard let store = openStore(options.store, create: false) else { return ExitStatus.failure }
        let rerun: Rerun
        do { rerun = try await OperatorQueries.rerun(options.id, store: store, now: OperatorTime.nowMilliseconds()) } catch {
            return operatorFailed(error)
        }
        if options.store.json {
            printJSON(rerun.json)
        } else {
            let (created, stored) = (rerun.created, rerun.original)
            console.out("\(created.id)")
            console.err("queued job \(created.id): a re-run of job \(stored.id) (\(DisplayText.line(stored.job.recipe, limit: 200)))")
            if !rerun.recipeStarted {
                console.err("note: \(stored.job.recipe) is stopped; the job runs the content job \(stored.id) ran")
            }
        }
        return ExitStatus.success
    }

    /// Whether the server says `recipe` is stopped (`GET recipes?folder=`); `false` when it
    /// cannot tell, so the note is left out rather than wrong.
    private func remoteRecipeIsStopped(_ recipe: String, _ remote: AdminRemote) async -> Bool {
        guard let folder = recipe.split(separator: "/").first,
            let document = try? await remote.send(.get, "recipes", query: [("folder", String(folder))]),
            let rows = try? OperatorJSONReading.list(document, "recipes")
        else { return false }
        return rows.contains { $0["recipe"]?.stringValue == recipe && $0["state"]?.stringValue == "stopped" }
    }
}

extension CommandLineTool {
    /// `recipes ack <id>`: marks a failed job dealt with, so retention may prune it.
    func acknowledge(_ options: Command.JobOptions) async -> Int32 {
        let job: StoredJob
        if let remote = adminRemote() {
            guard let document = await adminCall(remote, .post, "jobs/\(options.id)/ack") else { return ExitStatus.failure }
            if options.store.json {
                printJSON(document)
                return ExitStatus.success
            }
            guard let read = readAnswer(remote, { () throws(OperatorInputError) in try OperatorJSONReading.job(OperatorJSONReading.record(document, "job")) })
            else { return ExitStatus.failure }
            job = read
        } else {
            guard let store = openStore(options.store, create: false) else { return ExitStatus.failure }
            do { job = try await OperatorQueries.acknowledge(options.id, store: store, now: OperatorTime.nowMilliseconds()) } catch {
                return operatorFailed(error)
            }
            if options.store.json {
                printJSON(OperatorJSON.document("job", OperatorJSON.jobRow(job)))
                return ExitStatus.success
            }
        }
        console.out("acknowledged job \(job.id) (\(DisplayText.line(job.job.recipe, limit: 200)), failed)")
        return ExitStatus.success
    }
}
