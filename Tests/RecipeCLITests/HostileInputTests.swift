import Foundation
import RecipeTestSupport
import Testing

/// `recipes validate` on recipes written to attack the terminal of whoever reads the output.
struct HostileInputTests {
    func validate(_ recipe: String) async throws -> BinaryTests.Output {
        let fixture = try ProjectFixture(["recipes/a/r.json": recipe])
        return try await offloaded { try BinaryTests.runBinary(["validate", "."], in: fixture.root, stdin: nil) }
    }

    static func recipe(withKey key: String) -> String {
        #"{"name": "R", "trigger": {"manual": {}}, "steps": [], ""# + key + #"": 1}"#
    }

    @Test func anEscapeSequenceInAKeyIsPrintedEscaped() async throws {
        let result = try await validate(Self.recipe(withKey: #"\u001b[31mred"#))
        #expect(result.status == 1)
        #expect(!result.stderr.contains("\u{1B}"))
        #expect(result.stderr.contains(#"\u{1B}[31mred"#))
    }

    @Test func aKeyCannotForgeADiagnosticLine() async throws {
        let result = try await validate(Self.recipe(withKey: #"\r\nfake.json:1:1: error: injected"#))
        let lines = result.stderr.split(separator: "\n")
        #expect(!lines.contains { $0.hasPrefix("fake.json") })
        #expect(result.stderr.contains(#"\r\nfake.json:1:1: error: injected"#))
    }

    @Test func aKeyOfNewlinesPrintsOneLine() async throws {
        let result = try await validate(Self.recipe(withKey: String(repeating: #"\n"#, count: 400_000)))
        #expect(result.status == 1)
        let lines = result.stderr.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.count < 10, "\(lines.count) lines")
        #expect(result.stderr.contains("more characters)"))
    }
}
