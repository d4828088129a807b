// `recipes jobs` (the job history, newest first) and `recipes job <id>` (one job in full).
import RecipeData
import RecipeRuntime
import RecipeStore

extension CommandLineTool {
    func jobs(_ options: Command.JobsOptions) async -> Int32 {
        guard let store = openStore(options.store, create: false) else { return ExitStatus.failure }
        let filter = JobFilter(
            recipe: options.recipe, status: options.status, since: options.since?.resolve(now: OperatorTime.nowMilliseconds()),
            limit: options.limit)
        let jobs: [StoredJob]
        do { jobs = try await store.jobs(filter) } catch { return storeFailed(error) }
        if options.store.json {
            printJSON(OperatorJSON.jobs(jobs))
        } else if jobs.isEmpty {
            console.out("no jobs")
        } else {
            let rows = jobs.map { job in
                [
                    String(job.id), job.job.recipe, job.status.rawValue, String(job.attempts), job.job.parentID.map(String.init) ?? "-",
                    OperatorTime.iso8601(milliseconds: job.job.createdAt), OperatorTime.json(job.finishedAt) ?? "-",
                ]
            }
            console.out(
                OperatorTable(headers: ["ID", "RECIPE", "STATUS", "ATTEMPTS", "PARENT", "CREATED", "FINISHED"], rows: rows).text)
        }
        return ExitStatus.success
    }

    func job(_ options: Command.JobOptions) async -> Int32 {
        guard let store = openStore(options.store, create: false) else { return ExitStatus.failure }
        let found: StoredJob?
        let children: [StoredJob]
        let journal: [StoredJournalEntry]
        do {
            found = try await store.job(id: options.id)
            children = try await store.jobs(JobFilter(parentID: options.id, limit: OperatorLimits.maxChildren))
            journal = found == nil ? [] : try await store.journal(jobID: options.id)
        } catch { return storeFailed(error) }
        guard let job = found else {
            console.err("recipes: no job \(options.id)")
            return ExitStatus.failure
        }
        if options.store.json {
            printJSON(OperatorJSON.jobDetail(job, children: children, journal: journal))
        } else {
            JobDetailText.lines(job, children: children, journal: journal).forEach(console.out)
        }
        return ExitStatus.success
    }
}

/// The text of `recipes job <id>`.
enum JobDetailText {
    static func lines(_ job: StoredJob, children: [StoredJob], journal: [StoredJournalEntry]) -> [String] {
        var fields: [[String]] = [
            ["job", "\(job.id)"], ["recipe", job.job.recipe], ["status", job.status.rawValue], ["attempts", "\(job.attempts)"],
            ["created", OperatorTime.iso8601(milliseconds: job.job.createdAt)], ["started", OperatorTime.json(job.startedAt) ?? "-"],
            ["finished", OperatorTime.json(job.finishedAt) ?? "-"], ["parent", job.job.parentID.map(String.init) ?? "-"],
            ["delivery", job.job.deliveryID.map(String.init) ?? "-"], ["key", job.job.orderingKey ?? "-"],
            ["content", job.job.contentHash],
        ]
        if let owner = job.leaseOwner { fields.append(["lease", "\(owner) until \(OperatorTime.json(job.leaseExpiresAt) ?? "-")"]) }
        let childText = children.sorted { $0.id < $1.id }.map { "\($0.id) \($0.job.recipe) \($0.status.rawValue)" }
        fields.append(["children", childText.isEmpty ? "-" : childText.joined(separator: ", ")])
        var lines = OperatorTable(headers: fields[0], rows: Array(fields.dropFirst())).lines()
        lines += block("trigger", job.job.trigger)
        if let result = job.result { lines += block("result", result) }
        if let error = job.error { lines += block("error", error) }
        lines.append("journal (\(journal.count) entr\(journal.count == 1 ? "y" : "ies"))")
        lines += journal.map { "  " + JournalEntryView.line($0) }
        return lines
    }

    /// A titled, indented pretty JSON block; each line escaped.
    private static func block(_ title: String, _ value: JSONValue) -> [String] {
        [title] + value.jsonString(pretty: true).split(separator: "\n", omittingEmptySubsequences: false).map { "  " + DisplayText.line(String($0)) }
    }
}
