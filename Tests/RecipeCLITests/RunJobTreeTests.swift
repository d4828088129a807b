import Foundation
import RecipeData
import RecipeTestSupport
import Testing

/// `recipes run` reports the whole tree of jobs a run starts with asynchronous calls: a failed
/// job at any depth fails the run and is named in the output.
struct RunJobTreeTests {
    /// A chain `level0` → async `level1` → async `level2`; the recipe at `failing` stops as failed.
    static func chain(failingAt failing: Int?) throws -> ProjectFixture {
        var files: [String: String] = [:]
        for level in 0...2 {
            let trigger = level == 0 ? #"{"manual": {}}"# : #"{"function": {}}"#
            var steps: [String] = []
            if level < 2 { steps.append(#"{"id": "next", "call": "level\#(level + 1)", "async": true}"#) }
            if level == failing { steps.append(#"{"id": "give_up", "stop": {"status": "failed", "message": "level \#(level) gives up"}}"#) }
            files["recipes/t/level\(level).json"] = """
                {"name": "Level \(level)", "trigger": \(trigger), "steps": [\(steps.joined(separator: ", "))]}
                """
        }
        return try ProjectFixture(files)
    }

    @Test(arguments: [
        (nil, Int32(0), "3 jobs, none failed"),
        (0, 1, "3 jobs, 1 failed"),
        (1, 1, "3 jobs, 1 failed"),
        (2, 1, "3 jobs, 1 failed"),
    ] as [(Int?, Int32, String)])
    func aFailedJobAnywhereInTheTreeFailsTheRun(_ failing: Int?, _ status: Int32, _ tree: String) async throws {
        let fixture = try Self.chain(failingAt: failing)
        let result = try await offloaded {
            try BinaryTests.runBinary(["run", "t/level0", "--project", fixture.root.path], in: PackagePaths.root, stdin: nil)
        }
        #expect(result.status == status, "\(result.stdout)\(result.stderr)")
        #expect(result.stdout.contains(tree), "\(result.stdout)")
        if let failing {
            #expect(result.stdout.contains("t/level\(failing) failed"), "\(result.stdout)")
            #expect(result.stdout.contains("message: level \(failing) gives up"), "\(result.stdout)")
        }
    }
}

/// `recipes run` without a mail relay shows notifications on standard error and records them
/// as not sent.
struct RunNotificationTests {
    @Test func aNotificationWithoutARelayIsRecordedAsNotSent() async throws {
        let fixture = try ProjectFixture([
            "recipes/t/mail.json": """
                {"name": "Mail", "trigger": {"manual": {}},
                 "steps": [{"id": "tell", "notify": {"to": "ops@example.com", "subject": "hello"}}]}
                """
        ])
        let result = try await offloaded {
            try BinaryTests.runBinary(["run", "t/mail", "--json", "--project", fixture.root.path], in: PackagePaths.root, stdin: nil)
        }
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.contains("notification to ops@example.com (not sent: no mail relay in 'recipes run'): hello"))
        let record = try JSONParser.parseValue(Array(result.stdout.utf8))
        let output = record["steps"]?.arrayValue?.first?["output"]
        #expect(output?["sent"] == .bool(false), "\(result.stdout)")
    }
}
