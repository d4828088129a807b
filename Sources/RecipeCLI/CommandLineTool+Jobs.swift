// `recipes jobs` (the job history, newest first) and `recipes job <id>` (one job in full).
import RecipeData
import RecipeEngine
import RecipeRuntime
import RecipeStore

extension CommandLineTool {
    func jobs(_ options: Command.JobsOptions) async -> Int32 {
        let since = options.since?.resolve(now: OperatorTime.nowMilliseconds())
        let jobs: [StoredJob]
        if let remote = adminRemote() {
            let query: [(String, String?)] = [
                ("recipe", options.recipe), ("status", options.status?.rawValue),
                ("since", since.map { OperatorTime.iso8601(milliseconds: $0) }), ("limit", String(options.limit)),
            ]
            guard let document = await adminCall(remote, .get, "jobs", query: query) else { return ExitStatus.failure }
            guard !options.store.json else {
                printJSON(document)
                return ExitStatus.success
            }
            guard let read = readAnswer(remote, { () throws(OperatorInputError) in try OperatorJSONReading.list(document, "jobs").map(OperatorJSONReading.job) })
            else { return ExitStatus.failure }
            jobs = read
        } else {
            guard let store = openStore(options.store, create: false) else { return ExitStatus.failure }
            let filter = JobFilter(recipe: options.recipe, status: options.status, since: since, limit: options.limit)
            do { jobs = try await OperatorQueries.jobs(filter, store: store) } catch { return storeFailed(error) }
        }
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
        let detail: JobDetail
        if let remote = adminRemote() {
            guard let document = await adminCall(remote, .get, "jobs/\(options.id)") else { return ExitStatus.failure }
            guard !options.store.json else {
                printJSON(document)
                return ExitStatus.success
            }
            guard let read = readAnswer(remote, { () throws(OperatorInputError) in try OperatorJSONReading.jobDetail(document) }) else {
                return ExitStatus.failure
            }
            detail = read
        } else {
            guard let store = openStore(options.store, create: false) else { return ExitStatus.failure }
            do { detail = try await OperatorQueries.job(options.id, store: store) } catch { return operatorFailed(error) }
        }
        if options.store.json {
            printJSON(detail.json)
        } else {
            JobDetailText.lines(detail.job, children: detail.children, journal: detail.journal).forEach(console.out)
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
        // A job the engine ran stores its whole record: shown as `run --trace` shows it.
        if let stored = job.result ?? job.error, let record = try? JobRecord(json: stored) {
            let renderer = TraceRenderer()
            lines.append("steps")
            lines += renderer.trace(of: record).split(separator: "\n", omittingEmptySubsequences: false).map { "  " + $0 }
            lines += renderer.summary(of: record).split(separator: "\n").map(String.init)
        } else {
            if let result = job.result { lines += block("result", result) }
            if let error = job.error { lines += block("error", error) }
        }
        lines.append("journal (\(journal.count) entr\(journal.count == 1 ? "y" : "ies"))")
        lines += journal.map { "  " + JournalEntryView.line($0) }
        return lines
    }

    /// A titled, indented pretty JSON block; each line escaped.
    private static func block(_ title: String, _ value: JSONValue) -> [String] {
        [title] + value.jsonString(pretty: true).split(separator: "\n", omittingEmptySubsequences: false).map { "  " + DisplayText.line(String($0)) }
    }
}
