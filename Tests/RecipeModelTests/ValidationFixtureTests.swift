import Foundation
import RecipeData
import RecipeModel
import RecipeTestSupport
import Testing

/// Each folder of `Tests/Fixtures/validate/` is a small project with the exact diagnostics
/// `recipes validate` must print for it in `expected.txt` beside it (one per line, notes
/// included). Run with `RECORD_FIXTURES=1` to rewrite the expectations after a deliberate change
/// (that run fails on purpose), review the diff, then run again without it.
struct ValidationFixtureTests {
    static let directory = PackagePaths.fixtures.appendingPathComponent("validate")

    static var cases: [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        return names.filter { !$0.hasPrefix(".") }.sorted()
    }

    @Test func fixturesExist() {
        #expect(Self.cases.count >= 8, "fixtures missing under \(Self.directory.path)")
    }

    @Test(arguments: cases)
    func diagnosticsMatchExpectation(_ name: String) throws {
        let root = Self.directory.appendingPathComponent(name)
        let project = ProjectLoader.load(root: root, displayRoot: ".")
        let actual = project.diagnostics.map(\.description).joined(separator: "\n") + "\n"
        switch try GoldenFile(root.appendingPathComponent("expected.txt")).check(actual) {
        case .matches: break
        case .differs(let expected): #expect(actual == expected, "diagnostics of fixture '\(name)' differ")
        case .recorded(let changed):
            let state = changed ? "changed" : "unchanged"
            Issue.record(
                "recorded expected.txt of fixture '\(name)' (\(state)): a recording run never passes; review the diff, then run again without RECORD_FIXTURES")
        }
    }
}
