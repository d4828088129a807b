// `recipes status [folder]`: each recipe's state, content drift, last job and recent failures.
// On the database, or through a running server's admin API (`RECIPES_URL`).
import RecipeData
import RecipeModel
import RecipeRuntime
import RecipeStore

extension CommandLineTool {
    func status(_ options: Command.StatusOptions) async -> Int32 {
        let rows: [RecipeStatus]
        if let remote = adminRemote() {
            guard let document = await adminCall(remote, .get, "recipes", query: [("folder", options.folder)]) else {
                return ExitStatus.failure
            }
            guard !options.store.json else {
                printJSON(document)
                return ExitStatus.success
            }
            guard
                let read = readAnswer(remote, { () throws(OperatorInputError) in
                    try OperatorJSONReading.list(document, "recipes").map(OperatorJSONReading.status)
                })
            else { return ExitStatus.failure }
            rows = read
        } else {
            guard let project = operatorProject(options.store) else { return ExitStatus.usage }
            guard let store = openStore(options.store, create: false) else { return ExitStatus.failure }
            do {
                rows = try await OperatorQueries.status(
                    folder: options.folder, project: project.project, store: store, now: OperatorTime.nowMilliseconds())
            } catch { return operatorFailed(error) }
        }
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
