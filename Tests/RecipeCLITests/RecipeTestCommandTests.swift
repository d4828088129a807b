import Foundation
import RecipeData
import RecipeTestSupport
import Testing

/// `recipes test`, run as a user runs it (the built binary): on the shipped bundles, and on
/// the fixture project Tests/Fixtures/recipe-tests (folder `users`: four passing cases and
/// one failing on purpose; folder `typos`: two case files that cannot be read).
struct RecipeTestCommandTests {
    static let fixture = PackagePaths.fixtures.appendingPathComponent("recipe-tests")

    /// The case files of every shipped bundle, as `recipes test` names them.
    static var shippedCases: [String] {
        let recipes = PackagePaths.root.appendingPathComponent("recipes")
        let folders = (try? FileManager.default.contentsOfDirectory(atPath: recipes.path)) ?? []
        return folders.flatMap { folder in
            let tests = recipes.appendingPathComponent(folder).appendingPathComponent("tests")
            let names = (try? FileManager.default.contentsOfDirectory(atPath: tests.path)) ?? []
            return names.filter { $0.hasSuffix(".json") }.map { "recipes/\(folder)/tests/\($0)" }
        }.sorted()
    }

    /// Every bundle's cases pass, so an edit that changes what a recipe does fails `swift test`
    /// until its case is changed on purpose.
    @Test func everyShippedCasePasses() async throws {
        let cases = Self.shippedCases
        #expect(cases.count >= 10)
        let result = try await BinaryTests().recipes(["test"])
        #expect(result.status == 0, "\(result.stdout)\n\(result.stderr)")
        #expect(result.stdout.hasSuffix("\n\(cases.count) passed, 0 failed\n"))
        let lines = result.stdout.split(separator: "\n").map(String.init)
        #expect(lines.dropLast() == cases.map { "PASS \($0)" }[...])
        #expect(result.stderr == "")
    }

    struct Run: Sendable, CustomTestStringConvertible {
        var arguments: [String]
        var status: Int32
        /// Standard output: the text itself, or `golden:NAME` for a file beside the fixture.
        var stdout: String
        var stderr: String = ""
        var testDescription: String { "recipes " + arguments.joined(separator: " ") }
    }

    static let runs: [Run] = [
        // A failing case prints each unmet expectation, expected against actual, and exits 1.
        Run(arguments: ["test", "users"], status: 1, stdout: "golden:expected-users.txt"),
        // Broken case files: located errors on standard error, every one, and a FAIL line each.
        Run(
            arguments: ["test", "typos"], status: 1,
            stdout: """
                FAIL recipes/typos/tests/broken.json: 9 errors in the test case file
                FAIL recipes/typos/tests/malformed.json: 1 error in the test case file
                0 passed, 2 failed

                """,
            stderr: "golden:expected-typos.txt"),
        Run(
            arguments: ["test", "recipes/users/tests/created.json"], status: 0,
            stdout: "PASS recipes/users/tests/created.json\n1 passed, 0 failed\n"),
        // A recipe: only its cases run.
        Run(arguments: ["test", "users/normalize"], status: 0, stdout: "PASS recipes/users/tests/normalize.json\n1 passed, 0 failed\n"),
        Run(
            arguments: ["test", "userz"], status: 1, stdout: "",
            stderr: "recipes: no folder, recipe or test case file 'userz'; did you mean 'users'?\n"),
        Run(
            arguments: ["test", "typos/noop"], status: 1, stdout: "golden:expected-typos-noop.txt",
            stderr: "golden:expected-typos.txt"),
    ]

    @Test(arguments: runs)
    func runsCasesAndReportsLikeATestRunner(_ run: Run) async throws {
        let result = try await BinaryTests().recipes(run.arguments, in: Self.fixture)
        #expect(result.status == run.status, "\(result.stdout)\n\(result.stderr)")
        try expect(result.stdout, matches: run.stdout)
        try expect(result.stderr, matches: run.stderr)
    }

    private func expect(_ actual: String, matches expected: String) throws {
        guard expected.hasPrefix("golden:") else {
            #expect(actual == expected)
            return
        }
        let golden = GoldenFile(Self.fixture.appendingPathComponent(String(expected.dropFirst("golden:".count))))
        switch try golden.check(actual) {
        case .matches: break
        case .differs(let wanted): #expect(actual == wanted, "RECORD_FIXTURES=1 swift test --filter RecipeTestCommandTests rewrites \(golden.url.lastPathComponent)")
        case .recorded: Issue.record("recorded \(golden.url.lastPathComponent): review the diff, then run again without RECORD_FIXTURES")
        }
    }

    /// `--project DIR` prefixes every path with DIR, like the other commands.
    @Test func projectPathsPrefixTheFiles() async throws {
        let result = try await BinaryTests().recipes(["test", "--project", "Tests/Fixtures/recipe-tests", "typos"])
        #expect(result.status == 1)
        #expect(result.stdout.hasPrefix("FAIL Tests/Fixtures/recipe-tests/recipes/typos/tests/broken.json: 9 errors"))
        #expect(result.stderr.hasPrefix("Tests/Fixtures/recipe-tests/recipes/typos/tests/broken.json:2:13: error: unknown recipe 'nop'"))
    }

    /// `--json`: one document with the counts, and per case its outcome, the job, the actions
    /// and e-mails it made, the unmet expectations and the file's diagnostics.
    @Test func jsonDescribesEveryCase() async throws {
        let result = try await BinaryTests().recipes(["test", "--json"], in: Self.fixture)
        #expect(result.status == 1)
        #expect(result.stderr == "")
        let document = try JSONParser.parseValue(result.stdout)
        #expect(document["passed"] == 4)
        #expect(document["failed"] == 3)
        let cases = try #require(document["cases"]?.arrayValue)
        #expect(cases.map { $0["outcome"] } == ["broken", "broken", "passed", "passed", "passed", "passed", "failed"])
        let byFile = Dictionary(uniqueKeysWithValues: cases.compactMap { entry in entry["file"]?.stringValue.map { ($0, entry) } })

        let broken = try #require(byFile["recipes/typos/tests/broken.json"])
        #expect(broken["outcome"] == "broken")
        #expect(broken["job"] == nil)
        let diagnostic = try #require(broken["diagnostics"]?.arrayValue?.first)
        #expect(diagnostic == ["severity": "error", "message": "unknown recipe 'nop' in folder 'typos'; did you mean 'noop'?",
                               "file": "recipes/typos/tests/broken.json", "line": 2, "column": 13])

        let down = try #require(byFile["recipes/users/tests/vendor-down.json"])
        #expect(down["recipe"] == "users/sync-user")
        #expect(down["job"]?["id"] == "test-job-1")
        #expect(down["job"]?["status"] == "failed")
        #expect(down["job"]?["error"]?["type"] == "connector")
        #expect(down["actions"] == [["action": "crm.find_user", "input": ["email": "ada@example.com"], "attempts": 3]])
        #expect(down["mails"]?[0]?["to"] == "ops@example.com")
        #expect(down["mismatches"] == [])

        let wrong = try #require(byFile["recipes/users/tests/wrong-expectations.json"])
        let mismatches = try #require(wrong["mismatches"]?.arrayValue)
        #expect(mismatches.first == ["subject": "status", "comparison": "equals", "line": 7, "column": 15, "expected": "failed", "actual": "succeeded"])
        #expect(mismatches.contains { $0["subject"] == "message" && $0["comparison"] == "contains" && $0["actual"] == nil })
        #expect(mismatches.contains { $0["subject"] == "actions[2]" && $0["expected"]?["action"] == "crm.delete_user" && $0["actual"] == nil })
    }
}

extension JSONValue {
    fileprivate subscript(index: Int) -> JSONValue? {
        guard let items = arrayValue, items.indices.contains(index) else { return nil }
        return items[index]
    }
}
