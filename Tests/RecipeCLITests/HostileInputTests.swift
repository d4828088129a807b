import Foundation
import RecipeData
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

/// `recipes run` with a scripted vendor that asks for absurd waits: the job fails, retryably,
/// and the process neither traps (1e16 s once overflowed a Duration) nor hangs.
struct HostileMockTests {
    @Test(arguments: ["1e16", "9223372036854775807", "1e300"])
    func anAbsurdRetryAfterFailsTheJobAtOnce(_ seconds: String) async throws {
        let mocks = FileManager.default.temporaryDirectory.appendingPathComponent("mocks-\(UUID().uuidString).json")
        defer { try? FileManager.default.removeItem(at: mocks) }
        try #"{"hibob": {"get_employee": {"error": {"status": 429, "message": "slow down", "retryAfter": \#(seconds)}}}}"#
            .write(to: mocks, atomically: true, encoding: .utf8)
        let result = try await offloaded {
            try BinaryTests.runBinary(
                ["run", "hibob-docebo/capture-user-update", "--input", "recipes/hibob-docebo/samples/employee-updated.json",
                 "--mocks", mocks.path, "--json"],
                in: PackagePaths.root, stdin: nil)
        }
        #expect(result.status == 1, "\(result.stderr)")
        let record = try JSONParser.parseValue(result.stdout)
        #expect(record["status"] == "failed")
        #expect(record["error"]?["retryable"] == true)
        #expect(record["error"]?["message"]?.stringValue?.contains("slow down") == true)
    }
}
