import Foundation
import RecipeData
@testable import RecipeRuntime
import Testing

/// FolderClone's rewriting, manifest and refusals, on small projects in temporary directories.
struct FolderCloneTests {
    let rewriter = FolderCloneRewriter(source: "vendor", target: "prod", connections: ["hibob": "hibob-prod"])

    @Test(
        "expected mails name the re-bound connection's actions, not e-mail domains or other words",
        arguments: [
            ("hibob.get_employee failed", "hibob-prod.get_employee failed"),
            ("step employee:\nhibob.get_employee failed (hibob.search)", "step employee:\nhibob-prod.get_employee failed (hibob-prod.search)"),
            ("write to ada@hibob.example", "write to ada@hibob.example"),
            ("myhibob.get_employee", "myhibob.get_employee"),
            ("hibob.", "hibob."),
            ("hibob-prod.get_employee", "hibob-prod.get_employee"),
        ])
    func renamesActionsInMailText(text: String, expected: String) {
        #expect(rewriter.renamingActions(in: text) == expected)
    }

    func rewrite(_ text: String) -> (String, Set<String>) {
        let output = rewriter.rewriteRecipe(Array(text.utf8), path: "r.json")
        return (String(decoding: output.bytes, as: UTF8.self), output.connectionsNamed)
    }

    @Test func rewritesOnlyTheConnectionLiteralsAndKeepsFormatting() {
        let recipe = """
            {  "trigger" : { "webhook": {"connection":"hibob", "events": ["employee.updated"]} },
              "steps": [
                { "id": "a", "action": "get_employee", "connection": "hibob",
                  "input": { "connection": "hibob", "note": "caf\\u00e9 \\"hibob\\"" } },
                { "id": "b", "if": "true", "then": [ { "id": "c", "action": "x", "connection": "hibob" } ],
                  "else": [ { "id": "d", "foreach": "[]", "as": "i", "steps": [
                    { "id": "e", "try": [ { "id": "f", "action": "y", "connection": "docebo" } ],
                      "catch": [ { "id": "g", "action": "z", "connection": "hibob" } ] } ] } ] },
                { "id": "h", "call": "vendor/helper" }, { "id": "i", "call": "helper" }, { "id": "j", "call": "other/vendor" }
              ],
              "onError": [ { "id": "k", "action": "w", "connection": "hibob", "onError": [] } ]
            }
            """
        let (rewritten, named) = rewrite(recipe)
        // The input payload's "connection" is data, not a step field: it stays.
        let expected =
            recipe
            .replacingOccurrences(of: "\"connection\":\"hibob\"", with: "\"connection\":\"hibob-prod\"")
            .replacingOccurrences(of: "\"connection\": \"hibob\" }", with: "\"connection\": \"hibob-prod\" }")
            .replacingOccurrences(of: "\"connection\": \"hibob\",\n", with: "\"connection\": \"hibob-prod\",\n")
            .replacingOccurrences(of: "\"connection\": \"hibob\", \"onError\"", with: "\"connection\": \"hibob-prod\", \"onError\"")
            .replacingOccurrences(of: "\"vendor/helper\"", with: "\"prod/helper\"")
        #expect(rewritten == expected)
        #expect(rewritten.contains("\"input\": { \"connection\": \"hibob\""))
        #expect(rewritten.contains("\"call\": \"other/vendor\"") && rewritten.contains("\"call\": \"helper\""))
        #expect(named == ["hibob", "docebo"])
    }

    @Test func aFileThatDoesNotParseIsCopiedUnchanged() {
        let broken = "{ \"trigger\": { \"webhook\": { \"connection\": \"hibob\", } }"
        #expect(rewrite(broken).0 == broken)
    }

    @Test func testCasesGetTheirMocksActionsMailsAndQualifiedRecipeRewritten() {
        let text = """
            { "recipe": "vendor/capture", "mocks": { "hibob": { "get": { "output": 1 } }, "docebo": {} },
              "expect": { "status": "failed", "actions": [ { "action": "hibob.get" }, { "action": "docebo.find" } ],
                "mails": [ { "subject": "[RecipeEngine] vendor/capture failed", "body": "x" } ] } }
            """
        let output = rewriter.rewriteTestCase(Array(text.utf8), path: "tests/t.json")
        let expected =
            text
            .replacingOccurrences(of: "\"vendor/capture\"", with: "\"prod/capture\"")
            .replacingOccurrences(of: "\"hibob\": {", with: "\"hibob-prod\": {")
            .replacingOccurrences(of: "\"hibob.get\"", with: "\"hibob-prod.get\"")
            .replacingOccurrences(of: "vendor/capture failed", with: "prod/capture failed")
        #expect(String(decoding: output.bytes, as: UTF8.self) == expected)
        #expect(output.edits == 4)
    }

    @Test func manifestRoundTripsWithAStableKeyOrder() throws {
        let manifest = FolderCloneManifest(
            source: "vendor", folder: "prod", clonedAt: 1_764_700_000_123, connections: ["z": "z2", "a": "a2"],
            files: [.init(path: "a.json", sha256: "00", clonedSha256: "11")])
        let text = String(decoding: manifest.fileBytes, as: UTF8.self)
        #expect(FolderCloneManifest.parse(manifest.fileBytes) == manifest)
        let keys = ["\"version\"", "\"source\"", "\"folder\"", "\"clonedAt\"", "\"clonedAtUTC\"", "\"connections\"", "\"files\""]
        let positions = keys.map { text.range(of: $0)!.lowerBound }
        #expect(positions == positions.sorted())
        #expect(text.range(of: "\"a\"")!.lowerBound < text.range(of: "\"z\"")!.lowerBound)
        #expect(text.contains("2025-12-02T18:26:40.123Z"))
        #expect(manifest.files[0].rewritten)
    }

    @Test func aCloneOfACloneGetsItsOwnManifestOnly() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("folder-clone-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        let folder = root.appendingPathComponent("recipes/vendor")
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("samples"), withIntermediateDirectories: true)
        try Data("{ \"steps\": [ { \"id\": \"c\", \"call\": \"vendor/b\" } ] }".utf8).write(to: folder.appendingPathComponent("a.json"))
        try Data("payload".utf8).write(to: folder.appendingPathComponent("samples/p.txt"))

        let first = try FolderClone(root: root, source: "vendor", target: "one").run(now: 1)
        #expect(first.files.map(\.path) == ["a.json", "samples/p.txt"])
        #expect(first.files.map(\.rewritten) == [true, false])
        let second = try FolderClone(root: root, source: "one", target: "two").run(now: 2)
        #expect(second.files.map(\.path) == ["a.json", "samples/p.txt"])
        #expect(second.source == "one")
        let text = try String(contentsOf: root.appendingPathComponent("recipes/two/a.json"), encoding: .utf8)
        #expect(text == "{ \"steps\": [ { \"id\": \"c\", \"call\": \"two/b\" } ] }")
    }

    @Test func mocksFilesNamedByTestCasesAreResolvedInsideTheFolderAndReKeyed() {
        #expect(FolderClone.resolve("../samples/mocks.json", besides: "tests/case.json") == "samples/mocks.json")
        #expect(FolderClone.resolve("./m.json", besides: "tests/case.json") == "tests/m.json")
        #expect(FolderClone.resolve("../../other/m.json", besides: "tests/case.json") == nil)
        #expect(FolderClone.resolve("/etc/m.json", besides: "tests/case.json") == nil)
        let mocks = "{\n  \"hibob\": { \"get\": { \"output\": {\"hibob\": 1} } },\n  \"docebo\": {}\n}"
        let output = rewriter.rewriteMocks(Array(mocks.utf8), path: "samples/mocks.json")
        #expect(String(decoding: output.bytes, as: UTF8.self) == mocks.replacingOccurrences(of: "\"hibob\": {", with: "\"hibob-prod\": {"))
    }

    @Test(arguments: ["", ".", "..", "a/b", "a\\b", ".hidden", "tab\there"])
    func invalidFolderNamesAreRefused(_ name: String) {
        #expect(throws: OperatorError.self) { try FolderClone.checkName(name, role: "folder") }
    }
}
