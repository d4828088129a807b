// a. load + validate 1,000 generated recipes: `ProjectLoader.load(root:)` end to end.
import Foundation
import RecipeData
import RecipeModel

enum LoadBenchmark {
    static func run() throws {
        let generated = try GeneratedProject(folders: 20, groupsPerFolder: 10)
        defer { generated.remove() }
        precondition(generated.recipeCount == 1000, "generated \(generated.recipeCount) recipes")
        var warnings = 0
        let summary = rounds { () -> Double in
            let start = ContinuousClock.now
            let project = ProjectLoader.load(root: generated.root)
            let elapsed = ContinuousClock.now - start
            let errors = project.diagnostics.filter { $0.severity == .error }
            if !errors.isEmpty {
                for diagnostic in errors.prefix(10) { print(diagnostic) }
                preconditionFailure("the generated project has \(errors.count) errors")
            }
            precondition(project.recipes.count == generated.recipeCount, "loaded \(project.recipes.count) recipes")
            warnings = project.diagnostics.count
            return seconds(elapsed)
        }
        report("load+validate 1000 recipes", summary, unit: "s", target: 0.5)
        if warnings > 0 { print("load+validate 1000 recipes: note: \(warnings) warnings") }
    }
}
