import RecipeData
import RecipeModel

/// What `recipes validate` checks once connector definitions exist: every action step names a
/// connection that has a definition, and an action that definition has.
public enum ActionCatalogCheck {
    /// - Parameters:
    ///   - connectorOf: connection name → connector name (from the connections file); a
    ///     connection not listed uses the connector of the same name.
    public static func check(
        _ project: Project, definitions: [String: ConnectorDefinition], connectorOf: [String: String] = [:]
    ) -> [Diagnostic] {
        var problems: [Diagnostic] = []
        for recipe in project.sortedRecipes {
            recipe.forEachStep { step in
                guard case .action(let action) = step.kind else { return }
                let connector = connectorOf[action.connection] ?? action.connection
                guard let definition = definitions[connector] else {
                    let hint = Suggestion.didYouMean(action.connection, among: Set(definitions.keys).union(connectorOf.keys))
                    problems.append(
                        .error("no connector definition for connection '\(action.connection)'\(hint)", at: step.location))
                    return
                }
                if definition.actions[action.action] == nil {
                    let hint = Suggestion.didYouMean(action.action, among: definition.actions.keys.sorted())
                    problems.append(
                        .error("connector '\(connector)' has no action '\(action.action)'\(hint)", at: step.location))
                }
            }
        }
        return problems
    }
}
