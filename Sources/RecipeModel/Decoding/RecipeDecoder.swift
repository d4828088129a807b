import Foundation
import RecipeCrypto
import RecipeData
import RecipeExpressions

/// Turns one recipe file into a `Recipe`, reporting every problem with its location.
///
/// The shape is checked here (fields, types, required values, step kinds, expression syntax);
/// cross-recipe facts (calls, lookup tables, step references) are checked by `ProjectChecker`.
struct RecipeDecoder {
    static let recipeFields = ["$schema", "version", "name", "description", "trigger", "steps", "onError"]

    let file: SourceFile
    let id: RecipeID
    let sink: DiagnosticSink
    var compiler: ExpressionCompiler { ExpressionCompiler(file: file, sink: sink) }

    /// The recipe, or `nil` when the file is too broken to describe one (problems are in `sink`).
    func decode(_ root: JSONNode) -> Recipe? {
        guard let reader = ObjectReader(root, subject: "recipe", allowed: Self.recipeFields, sink: sink) else {
            return nil
        }
        let version = reader.integer("version", in: 1...Int.max) ?? Recipe.formatVersion
        if version > Recipe.formatVersion {
            sink.error(
                "recipe format version \(version) is newer than this engine supports (\(Recipe.formatVersion)); "
                    + "upgrade the engine to run this recipe", at: reader.node("version")?.location)
            return nil
        }
        let name = reader.name("name", required: true)
        let description = reader.string("description")
        let trigger = reader.node("trigger", required: true).flatMap(decodeTrigger)
        let steps = reader.array("steps", required: true).map { decodeSteps($0) } ?? []
        let onError = reader.array("onError").map { decodeSteps($0) } ?? []
        guard let name, let trigger else { return nil }
        return Recipe(
            id: id, name: name, description: description, version: version, trigger: trigger,
            steps: steps, onError: onError, location: .file(file.path),
            contentHash: Recipe.contentHash(of: file.bytes))
    }

    func decodeSteps(_ nodes: [JSONNode]) -> [Step] {
        nodes.compactMap(decodeStep)
    }
}
