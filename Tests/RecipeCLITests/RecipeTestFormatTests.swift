import Foundation
import RecipeCLI
import RecipeData
import RecipeTestSupport
import Testing

@testable import RecipeTesting

/// The test case format around `recipes test`: its command line, its published schema, and
/// the subset match its expectations use.
struct RecipeTestFormatTests {
    @Test func parsesTestOptions() throws {
        #expect(try Command.parse(["test"]) == .test(Command.TestOptions()))
        var options = Command.TestOptions()
        options.target = "hibob-docebo"
        options.json = true
        options.project = "p"
        #expect(try Command.parse(["test", "hibob-docebo", "--json", "-p", "p"]) == .test(options))
        var schema = Command.TestOptions()
        schema.schema = true
        #expect(try Command.parse(["test", "--schema"]) == .test(schema))
    }

    @Test(arguments: [
        (["test", "a", "b"], "unexpected argument 'b' (FOLDER|RECIPE|FILE is already 'a')"),
        (["test", "--jsn"], "unknown option '--jsn'"),
        (["test", "--schema", "a"], "test --schema prints the schema of test case files and takes no other argument"),
        (["test", "--project"], "--project needs a value"),
    ])
    func rejects(_ arguments: [String], _ message: String) {
        #expect(throws: UsageError(message)) { try Command.parse(arguments) }
    }

    @Test func schemaMatchesTheCommittedFile() async throws {
        let result = try await BinaryTests().recipes(["test", "--schema"])
        #expect(result.status == 0)
        let committed = try String(contentsOf: PackagePaths.root.appendingPathComponent("docs/recipe-test.schema.json"), encoding: .utf8)
        #expect(result.stdout == committed, "run: swift run recipes test --schema > docs/recipe-test.schema.json")
    }

    /// Every shipped case and the fixture's readable ones pass the published schema, checked by
    /// an independent validator (Python's jsonschema, as for recipes); the fixture's broken
    /// case does not, so the schema is as strict as the reader.
    @Test(
        .enabled(
            if: BinaryTests.jsonschemaAvailable || ProcessInfo.processInfo.environment["RECIPES_REQUIRE_JSONSCHEMA"] == "1",
            "needs python3 with jsonschema: apt-get install python3-jsonschema (or pip install jsonschema); .ci/run installs it"))
    func casesValidateAgainstTheSchemaWithAnIndependentValidator() async throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [
            "python3", "-c",
            """
            import json, glob, jsonschema
            schema = json.load(open('docs/recipe-test.schema.json'))
            jsonschema.Draft202012Validator.check_schema(schema)
            good = sorted(glob.glob('recipes/*/tests/*.json') + glob.glob('Tests/Fixtures/recipe-tests/recipes/users/tests/*.json'))
            assert len(good) >= 15, good
            for f in good: jsonschema.validate(json.load(open(f)), schema)
            bad = json.load(open('Tests/Fixtures/recipe-tests/recipes/typos/tests/broken.json'))
            assert not jsonschema.Draft202012Validator(schema).is_valid(bad)
            """,
        ]
        process.currentDirectoryURL = PackagePaths.root
        let status = try await offloaded {
            try process.run()
            process.waitUntilExit()
            return process.terminationStatus
        }
        #expect(status == 0)
    }

    struct SubsetCase: Sendable, CustomTestStringConvertible {
        var expected: JSONValue
        var actual: JSONValue?
        /// The subjects of the mismatches found.
        var mismatches: [String]
        var testDescription: String { "\(expected.jsonString()) ⊆ \(actual?.jsonString() ?? "nothing")" }
    }

    static let subsetCases: [SubsetCase] = [
        .init(expected: ["id": 7], actual: ["id": 7, "name": "Ada"], mismatches: []),
        .init(expected: ["id": 7], actual: ["id": 7.0], mismatches: []),
        .init(expected: ["id": 7], actual: ["id": "7"], mismatches: ["r.id"]),
        .init(expected: ["id": 7, "name": "Ada"], actual: ["id": 8], mismatches: ["r.id", "r.name"]),
        .init(expected: ["a": ["b": [1, ["c": true]]]], actual: ["a": ["b": [1, ["c": false, "d": 0]]]], mismatches: ["r.a.b[1].c"]),
        .init(expected: [1, 2], actual: [1, 2, 3], mismatches: ["r"]),
        .init(expected: [["id": 1]], actual: [["id": 1, "x": 2]], mismatches: []),
        .init(expected: ["user id": nil], actual: [:], mismatches: [#"r["user id"]"#]),
        .init(expected: ["x": nil], actual: ["x": nil], mismatches: []),
        .init(expected: [:], actual: .null, mismatches: ["r"]),
        .init(expected: "a", actual: nil, mismatches: ["r"]),
    ]

    @Test(arguments: subsetCases)
    func subsetMatch(_ example: SubsetCase) {
        let location = SourceLocation(file: "t.json", line: 1, column: 1)
        let found = JSONSubset.mismatches(expected: example.expected, actual: example.actual, subject: "r", at: location)
        #expect(found.map(\.subject) == example.mismatches)
    }
}
