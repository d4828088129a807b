// `recipes deliveries`: the accepted webhook deliveries, newest first, with the jobs each started.
import RecipeData
import RecipeRuntime
import RecipeStore

extension CommandLineTool {
    func deliveries(_ options: Command.DeliveriesOptions) async -> Int32 {
        guard let store = openStore(options.store, create: false) else { return ExitStatus.failure }
        let filter = DeliveryFilter(
            folder: options.folder, connection: options.connection,
            since: options.since?.resolve(now: OperatorTime.nowMilliseconds()), limit: options.limit)
        var rows: [(StoredDelivery, [StoredJob])] = []
        do {
            for delivery in try await store.deliveries(filter) {
                var jobs: [StoredJob] = []
                for id in delivery.jobIDs.prefix(OperatorLimits.maxJobsPerDelivery) {
                    if let job = try await store.job(id: id) { jobs.append(job) }
                }
                rows.append((delivery, jobs))
            }
        } catch { return storeFailed(error) }
        if options.store.json {
            printJSON(OperatorJSON.document("deliveries", .array(rows.map { OperatorJSON.deliveryRow($0.0, jobs: $0.1) })))
        } else if rows.isEmpty {
            console.out("no deliveries")
        } else {
            let table = rows.map { delivery, jobs in
                [
                    String(delivery.id), OperatorTime.iso8601(milliseconds: delivery.delivery.receivedAt),
                    "\(delivery.delivery.folder)/\(delivery.delivery.connection)", delivery.delivery.verification.rawValue,
                    delivery.duplicateOf.map(String.init) ?? "-", Self.startedJobs(delivery, jobs),
                ]
            }
            console.out(
                OperatorTable(headers: ["ID", "RECEIVED", "FOLDER/CONNECTION", "VERIFICATION", "DUPLICATE OF", "JOBS"], rows: table).text)
        }
        return ExitStatus.success
    }

    /// The JOBS cell: `12 folder/recipe succeeded, 13 ...`, or why there are none.
    static func startedJobs(_ delivery: StoredDelivery, _ jobs: [StoredJob]) -> String {
        if delivery.duplicateOf != nil { return "none (duplicate)" }
        if jobs.isEmpty { return delivery.jobIDs.isEmpty ? "none (no started recipe matched)" : "none kept (pruned)" }
        return jobs.map { "\($0.id) \($0.job.recipe) \($0.status.rawValue)" }.joined(separator: ", ")
    }
}
