import RecipeData

/// Finds cycles of synchronous sub-recipe calls (a recipe that, through its callees, waits on
/// itself would never finish). Each cycle is reported once, at the call that closes it.
/// Cycles through asynchronous calls are warnings: they terminate only if a condition stops them.
struct CallCycleFinder {
    let project: Project
    let sink: DiagnosticSink

    struct Edge {
        let callee: RecipeID
        let async: Bool
        let location: SourceLocation
    }

    func report() {
        var edges: [RecipeID: [Edge]] = [:]
        for recipe in project.sortedRecipes {
            recipe.forEachStep { step in
                guard case .call(let call) = step.kind, let callee = project.resolve(call.target, from: recipe.id),
                    project.recipes[callee]?.function != nil
                else { return }
                edges[recipe.id, default: []].append(Edge(callee: callee, async: call.async, location: call.targetLocation))
            }
        }
        var reported: Set<[RecipeID]> = []
        for start in project.sortedRecipes.map(\.id) {
            var path: [RecipeID] = []
            var asyncOnPath: [Bool] = []
            visit(start, start: start, edges: edges, path: &path, asyncOnPath: &asyncOnPath, reported: &reported)
        }
    }

    private func visit(
        _ node: RecipeID, start: RecipeID, edges: [RecipeID: [Edge]], path: inout [RecipeID],
        asyncOnPath: inout [Bool], reported: inout Set<[RecipeID]>
    ) {
        path.append(node)
        defer { path.removeLast() }
        for edge in edges[node] ?? [] {
            if edge.callee == start {
                let cycle = path + [start]
                let key = canonical(Array(path))
                guard reported.insert(key).inserted else { continue }
                let text = cycle.map(\.description).joined(separator: " → ")
                if asyncOnPath.contains(true) || edge.async {
                    sink.warning("asynchronous call cycle: \(text); make sure a condition ends it", at: edge.location)
                } else {
                    sink.error("call cycle: \(text) would never finish", at: edge.location)
                }
            } else if !path.contains(edge.callee), edge.callee > start {
                // Only visit recipes ordered after the start so each cycle is found from its
                // smallest member once.
                asyncOnPath.append(edge.async)
                visit(edge.callee, start: start, edges: edges, path: &path, asyncOnPath: &asyncOnPath, reported: &reported)
                asyncOnPath.removeLast()
            }
        }
    }

    /// The cycle rotated to start at its smallest member.
    private func canonical(_ cycle: [RecipeID]) -> [RecipeID] {
        guard let smallest = cycle.indices.min(by: { cycle[$0] < cycle[$1] }) else { return cycle }
        return Array(cycle[smallest...] + cycle[..<smallest])
    }
}
