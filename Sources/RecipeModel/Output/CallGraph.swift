import Foundation

/// The call graph of a project (or one folder) as Mermaid flowchart text: which webhook
/// events and schedules start which recipes, and which recipes call which.
public struct CallGraph {
    public let project: Project
    public let folder: String?

    public init(project: Project, folder: String? = nil) {
        self.project = project
        self.folder = folder
    }

    public var mermaid: String {
        let recipes = project.sortedRecipes.filter { folder == nil || $0.id.folder == folder }
        var lines = ["flowchart LR"]
        var sources: [String: String] = [:]
        var edges: [String] = []
        for folderName in Set(recipes.map(\.id.folder)).sorted() {
            lines.append("  subgraph \(nodeID("folder", folderName))[\"\(escape(folderName))\"]")
            for recipe in recipes where recipe.id.folder == folderName {
                let shape = recipe.function != nil ? ("[[\"", "\"]]") : ("[\"", "\"]")
                lines.append("    \(nodeID("recipe", recipe.id.description))\(shape.0)\(escape(recipe.name))\(shape.1)")
            }
            lines.append("  end")
        }
        for recipe in recipes {
            let target = nodeID("recipe", recipe.id.description)
            switch recipe.trigger {
            case .webhook(let webhook):
                let source = nodeID("webhook", webhook.connection)
                sources[source] = "([\"\(escape(webhook.connection)) webhook\"])"
                edges.append("  \(source) -- \"\(escape(webhook.events.joined(separator: ", ")))\" --> \(target)")
            case .schedule(let schedule):
                let source = nodeID("schedule", recipe.id.description)
                sources[source] = "([\"\(escape(schedule.cronText)) \(escape(schedule.timeZone.identifier))\"])"
                edges.append("  \(source) --> \(target)")
            case .manual:
                let source = nodeID("manual", recipe.id.description)
                sources[source] = "([\"manual\"])"
                edges.append("  \(source) --> \(target)")
            case .function:
                break
            }
            var seen: Set<String> = []
            recipe.forEachStep { step in
                guard case .call(let call) = step.kind, let callee = project.resolve(call.target, from: recipe.id)
                else { return }
                let arrow = call.async ? "-. async .->" : "-->"
                let edge = "  \(target) \(arrow) \(nodeID("recipe", callee.description))"
                if seen.insert(edge).inserted { edges.append(edge) }
            }
        }
        lines += sources.keys.sorted().map { "  \($0)\(sources[$0]!)" }
        lines += edges
        return lines.joined(separator: "\n")
    }

    /// Mermaid node ids: letters, digits and `_` only.
    private func nodeID(_ kind: String, _ name: String) -> String {
        kind + "_" + String(name.map { $0.isLetter || $0.isNumber ? $0 : "_" })
    }

    private func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "\"", with: "#quot;")
    }
}
