import RecipeData
import RecipeModel
import RecipeTestSupport
import Testing

/// Inputs near the edges of what the recipe decoder reads, each with the exact diagnostics.
struct DecodingEdgeTests {
    static func diagnostics(_ recipe: String) throws -> [String] {
        let fixture = try ProjectFixture(["recipes/t/r.json": recipe])
        return fixture.load().diagnostics.map(\.description).map { line in
            line.replacingOccurrences(of: fixture.root.path + "/", with: "")
        }
    }

    /// An expression field holds a bare expression or exactly one `{{ }}` (spaces around allowed).
    @Test(arguments: [
        (#""trigger.a == 1""#, []),
        (#""{{ trigger.a == 1 }}""#, []),
        (#""  {{trigger.a == 1}}\t""#, []),
        (#""{{}}""#, ["recipes/t/r.json:3:24: error: expected an expression but the expression ended"]),
        (#""{{ trigger.a == }}""#, ["recipes/t/r.json:3:38: error: expected an expression but the expression ended"]),
        (#""  {{ trigger.a == }}  ""#, ["recipes/t/r.json:3:40: error: expected an expression but the expression ended"]),
        (#""{{ trigger.a }} and {{ trigger.b }}""#, ["recipes/t/r.json:3:35: error: unexpected '}'"]),
        (#""{{""#, ["recipes/t/r.json:3:23: error: expected an object key (a name or a quoted string) but found '{'"]),
    ] as [(String, [String])])
    func expressionFields(_ condition: String, _ expected: [String]) throws {
        let recipe = """
            {"name": "R", "trigger": {"manual": {}},
             "steps": [
              {"id": "c", "if": \(condition), "then": []}]}
            """
        let actual = try Self.diagnostics(recipe)
        #expect(actual == expected)
    }

    /// A function parameter's `type` must be present, a string and a known type.
    @Test(arguments: [
        (#"{"type": "number"}"#, []),
        ("{}", ["recipes/t/r.json:1:60: error: parameter 'p' is missing the required field 'type'"]),
        (#"{"type": 5}"#, ["recipes/t/r.json:1:69: error: 'type' in parameter 'p' must be a string, not number"]),
        (#"{"type": "nubmer"}"#, ["recipes/t/r.json:1:69: error: unknown type 'nubmer'; did you mean 'number'?"]),
    ] as [(String, [String])])
    func parameterTypes(_ parameter: String, _ expected: [String]) throws {
        let recipe = #"{"name": "R", "trigger": {"function": {"parameters": {"p": "# + parameter + "}}}, \"steps\": []}"
        let actual = try Self.diagnostics(recipe)
        #expect(actual == expected)
    }
}
