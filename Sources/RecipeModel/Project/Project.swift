import Foundation
import RecipeData

/// Everything under a project directory: the recipes of every folder under `recipes/`, the
/// lookup tables under `lookup-tables/`, and every problem found while loading and checking.
public struct Project: Sendable {
    public var root: URL
    public var recipes: [RecipeID: Recipe]
    public var tables: LookupTableSet
    /// All problems, sorted by file and position.
    public var diagnostics: [Diagnostic]

    public init(root: URL, recipes: [RecipeID: Recipe], tables: LookupTableSet, diagnostics: [Diagnostic] = []) {
        self.root = root
        self.recipes = recipes
        self.tables = tables
        self.diagnostics = diagnostics
    }

    /// Recipes sorted by id, for stable output.
    public var sortedRecipes: [Recipe] { recipes.values.sorted { $0.id < $1.id } }

    public var folders: [String] { Set(recipes.keys.map(\.folder)).sorted() }

    /// Resolves a sub-recipe reference written in `caller`: a bare name is looked up in the
    /// caller's folder first; otherwise the reference is read as `folder/name`.
    public func resolve(_ reference: String, from caller: RecipeID) -> RecipeID? {
        let local = RecipeID(folder: caller.folder, name: reference)
        if recipes[local] != nil { return local }
        if let qualified = RecipeID(qualified: reference), recipes[qualified] != nil { return qualified }
        return nil
    }

    /// Finds a recipe by `folder/name`, by a path to its file, or by a name unique in the project.
    public func recipe(matching text: String) -> Recipe? {
        var reference = text
        if reference.hasSuffix(".json") { reference.removeLast(5) }
        if let range = reference.range(of: "recipes/", options: .backwards) {
            reference = String(reference[range.upperBound...])
        }
        if let id = RecipeID(qualified: reference), let recipe = recipes[id] { return recipe }
        let byName = recipes.values.filter { $0.id.name == reference }
        return byName.count == 1 ? byName[0] : nil
    }
}

extension Project {
    /// The recipes a webhook delivery reaches: every recipe (of `folder`, when given) whose
    /// webhook trigger is on `connection` and lists `event`, in id order. Filters are applied
    /// when the job runs.
    public func recipes(receiving event: String, from connection: String, in folder: String? = nil) -> [Recipe] {
        sortedRecipes.filter { recipe in
            guard folder == nil || recipe.id.folder == folder, case .webhook(let webhook) = recipe.trigger else { return false }
            return webhook.connection == connection && webhook.events.contains(event)
        }
    }
}
