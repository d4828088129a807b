import RecipeData
import RecipeEngine

/// A scripted connector whose requests also go to the case's `ActionLog`.
struct LoggingConnector: Connector {
    let base: ScriptedConnector
    let log: ActionLog

    func perform(_ request: ActionRequest) async throws -> JSONValue {
        log.append(request)
        return try await base.perform(request)
    }
}
