// `recipes deliveries`: the accepted webhook deliveries, newest first, with the jobs each started.
// On the database, or through a running server's admin API (`RECIPES_URL`).
import RecipeData
import RecipeRuntime
import RecipeStore

extension CommandLineTool {
    func deliveries(_ options: Command.DeliveriesOptions) async -> Int32 {
        let since = options.since?.resolve(now: OperatorTime.nowMilliseconds())
        let rows: [DeliveryView]
        if let remote = adminRemote() {
            let query: [(String, String?)] = [
                ("folder", options.folder), ("connection", options.connection),
                ("since", since.map { OperatorTime.iso8601(milliseconds: $0) }), ("limit", String(options.limit)),
            ]
            guard let document = await adminCall(remote, .get, "deliveries", query: query) else { return ExitStatus.failure }
            guard !options.store.json else {
                printJSON(document)
                return ExitStatus.success
            }
            guard
                let read = readAnswer(remote, { () throws(OperatorInputError) in
                    try OperatorJSONReading.list(document, "deliveries").map(OperatorJSONReading.delivery)
                })
            else { return ExitStatus.failure }
            rows = read
        } else {
            guard let store = openStore(options.store, create: false) else { return ExitStatus.failure }
            let filter = DeliveryFilter(folder: options.folder, connection: options.connection, since: since, limit: options.limit)
            do { rows = try await OperatorQueries.deliveries(filter, store: store) } catch { return operatorFailed(error) }
        }
        if options.store.json {
            printJSON(DeliveryView.document(rows))
        } else if rows.isEmpty {
            console.out("no deliveries")
        } else {
            let table = rows.map { view in
                let delivery = view.delivery
                return [
                    String(delivery.id), OperatorTime.iso8601(milliseconds: delivery.delivery.receivedAt),
                    "\(delivery.delivery.folder)/\(delivery.delivery.connection)", delivery.delivery.verification.rawValue,
                    delivery.duplicateOf.map(String.init) ?? "-", Self.startedJobs(delivery, view.jobs),
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
