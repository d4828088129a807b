import Foundation
import RecipeCLI
import RecipeTestSupport
import Testing

/// `recipes COMMAND --help`, `-h` and `recipes help COMMAND` show the same text for every
/// command, on standard output, with exit status 0.
struct HelpCommandTests {
    /// Each command and how its help begins (`help` itself shows the usage).
    static let commands: [(name: String, opening: String)] = Command.names.map { name in
        (name, name == "help" ? "usage: recipes <command>" : "recipes \(name)")
    }

    @Test(arguments: commands)
    func everyCommandTakesHelpAsAnOption(_ name: String, _ opening: String) async throws {
        for arguments in [[name, "--help"], [name, "-h"], ["help", name]] {
            let result = try await offloaded { try BinaryTests.runBinary(arguments, in: PackagePaths.root, stdin: nil) }
            #expect(result.status == 0, "recipes \(arguments.joined(separator: " ")): \(result.stderr)")
            #expect(result.stdout.hasPrefix(opening), "recipes \(arguments.joined(separator: " "))")
            #expect(result.stderr == "")
        }
    }

    @Test(arguments: [
        (["validate", "--help"], Command.help(topic: "validate")),
        (["run", "folder/name", "--trace", "--help"], .help(topic: "run")),
        (["sandbox", "--port", "0", "-h"], .help(topic: "sandbox")),
        (["schema", "--help"], .help(topic: "schema")),
        (["version", "-h"], .help(topic: "version")),
        (["help", "--help"], .help(topic: nil)),
        (["help", "help"], .help(topic: nil)),
        (["help", "graph"], .help(topic: "graph")),
    ])
    func parsesHelpOptions(_ arguments: [String], _ expected: Command) throws {
        #expect(try Command.parse(arguments) == expected)
    }

    @Test(arguments: [
        (["help", "valdate"], "no command 'valdate' to show help for; did you mean 'validate'?"),
        (["help", "run", "graph"], "help takes one COMMAND, got 'graph' too"),
        (["frobnicate", "--help"], "unknown command 'frobnicate'"),
    ])
    func rejectsHelpForUnknownCommands(_ arguments: [String], _ message: String) {
        #expect(throws: UsageError(message)) { try Command.parse(arguments) }
    }
}
