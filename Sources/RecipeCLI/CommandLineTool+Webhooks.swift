// `recipes webhooks [folder]`: the URL of each folder × connection that webhook triggers
// listen on, and the recipes each one feeds.
import RecipeData
import RecipeModel
import RecipeRuntime
import RecipeStore

extension CommandLineTool {
    func webhooks(_ options: Command.WebhooksOptions) async -> Int32 {
        guard let project = operatorProject(options.store)?.project else { return ExitStatus.usage }
        if let folder = options.folder, !project.folders.contains(folder) {
            console.err("recipes: no folder '\(DisplayText.line(folder, limit: 200))'\(Suggestion.didYouMean(folder, among: project.folders))")
            return ExitStatus.failure
        }
        guard let store = openStore(options.store, create: false) else { return ExitStatus.failure }
        var states: [String: String] = [:]
        do {
            for lifecycle in try await store.lifecycles() { states[lifecycle.recipe] = lifecycle.state.rawValue }
        } catch { return storeFailed(error) }
        let endpoints = WebhookEndpoint.all(in: project, folder: options.folder)
        if options.store.json {
            printJSON(OperatorJSON.document("webhooks", .array(endpoints.map { $0.json(host: options.host, port: options.port, states: states) })))
            return ExitStatus.success
        }
        if endpoints.isEmpty {
            console.out("no recipe listens for webhooks\(options.folder.map { " in '\($0)'" } ?? "")")
            return ExitStatus.success
        }
        for (index, endpoint) in endpoints.enumerated() {
            if index > 0 { console.out("") }
            console.out(endpoint.url(host: options.host, port: options.port))
            let rows = endpoint.listeners.map { [$0.recipe, states[$0.recipe] ?? "stopped", $0.events.joined(separator: ", ")] }
            console.out(OperatorTable(headers: ["  RECIPE", "STATE", "EVENTS"], rows: rows.map { ["  " + $0[0]] + $0.dropFirst() }).text)
        }
        return ExitStatus.success
    }
}
