import RecipeData

/// Finds cycles of sub-recipe calls. Each cycle is reported once, at the call that closes it.
///
/// A cycle of synchronous calls made unconditionally would never finish: an error. A cycle
/// where some call sits under `if`, `foreach` or an error handler may end (pagination,
/// bounded recursion), and one through an asynchronous call does not block: warnings, since
/// the call depth and async-call limits are then what stops a runaway.
struct CallCycleFinder {
    let project: Project
    let sink: DiagnosticSink

    struct Edge {
        let callee: RecipeID
        /// Async, or nested in a condition, loop or handler.
        let mayEnd: Bool
        let async: Bool
        let location: SourceLocation
    }

    func report() {
        var edges: [RecipeID: [Edge]] = [:]
        for recipe in project.sortedRecipes {
            collect(recipe.steps, of: recipe, nested: false, into: &edges[recipe.id, default: []])
        }
        var reported: Set<[RecipeID]> = []
        for start in project.sortedRecipes.map(\.id) {
            var path: [RecipeID] = []
            var trail: [Edge] = []
            visit(start, start: start, edges: edges, path: &path, trail: &trail, reported: &reported)
        }
    }

    private func collect(_ steps: [Step], of recipe: Recipe, nested: Bool, into edges: inout [Edge]) {
        for step in steps {
            switch step.kind {
            case .call(let call):
                if let callee = project.resolve(call.target, from: recipe.id), project.recipes[callee]?.function != nil {
                    edges.append(Edge(callee: callee, mayEnd: nested || call.async, async: call.async, location: call.targetLocation))
                }
            case .condition(let c):
                collect(c.then, of: recipe, nested: true, into: &edges)
                collect(c.otherwise, of: recipe, nested: true, into: &edges)
            case .loop(let l): collect(l.steps, of: recipe, nested: true, into: &edges)
            case .try(let t):
                collect(t.steps, of: recipe, nested: nested, into: &edges)
                collect(t.catchSteps, of: recipe, nested: true, into: &edges)
            default: break
            }
            if let onError = step.onError { collect(onError, of: recipe, nested: true, into: &edges) }
        }
    }

    private func visit(
        _ node: RecipeID, start: RecipeID, edges: [RecipeID: [Edge]], path: inout [RecipeID], trail: inout [Edge],
        reported: inout Set<[RecipeID]>
    ) {
        path.append(node)
        defer { path.removeLast() }
        for edge in edges[node] ?? [] {
            if edge.callee == start {
                guard reported.insert(path).inserted else { continue }
                let text = (path + [start]).map(\.description).joined(separator: " → ")
                let all = trail + [edge]
                if all.contains(where: \.async) {
                    sink.warning("asynchronous call cycle: \(text); make sure a condition ends it", at: edge.location)
                } else if all.contains(where: \.mayEnd) {
                    sink.warning("recursive call cycle: \(text); make sure a condition ends it", at: edge.location)
                } else {
                    sink.error("call cycle: \(text) would never finish", at: edge.location)
                }
            } else if !path.contains(edge.callee), edge.callee > start {
                // Only recipes ordered after the start are visited, so each cycle is found
                // once, from its smallest member.
                trail.append(edge)
                visit(edge.callee, start: start, edges: edges, path: &path, trail: &trail, reported: &reported)
                trail.removeLast()
            }
        }
    }
}
