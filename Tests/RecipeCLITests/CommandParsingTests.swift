import RecipeCLI
import Testing

struct CommandParsingTests {
    @Test(arguments: [
        (["validate"], Command.validate(path: ".", quiet: false)),
        (["validate", "recipes/hibob-docebo", "-q"], .validate(path: "recipes/hibob-docebo", quiet: true)),
        (["graph", "hibob-docebo", "--project", "p"], .graph(folder: "hibob-docebo", project: "p")),
        (["schema"], .schema),
        ([], .help(topic: nil)),
        (["help", "run"], .help(topic: "run")),
        (["--version"], .version),
    ])
    func parses(_ arguments: [String], _ expected: Command) throws {
        #expect(try Command.parse(arguments) == expected)
    }

    @Test func parsesRunOptions() throws {
        let command = try Command.parse(["run", "t/x", "--input", "-", "--mocks", "m.json", "--trace", "--json", "-p", "proj"])
        var options = Command.RunOptions(recipe: "t/x")
        options.input = "-"
        options.mocks = "m.json"
        options.trace = true
        options.json = true
        options.project = "proj"
        #expect(command == .run(options))
    }

    @Test(arguments: [
        (["valdate"], "unknown command 'valdate'; did you mean 'validate'?"),
        (["run"], "run needs a RECIPE (folder/name or a path to its file)"),
        (["run", "a", "--input"], "--input needs a value"),
        (["run", "a", "b"], "unexpected argument 'b' (RECIPE is already 'a')"),
        (["validate", "--loud"], "unknown option '--loud'"),
        (["schema", "x"], "schema takes no arguments, got 'x'"),
    ])
    func rejects(_ arguments: [String], _ message: String) {
        #expect(throws: UsageError(message)) { try Command.parse(arguments) }
    }
}

struct SandboxCommandParsingTests {
    @Test func parsesWebhookTargets() throws {
        var expected = Command.SandboxOptions()
        expected.port = 0
        expected.smtpPort = 2525
        expected.log = true
        expected.webhooks = ["hibob": "http://127.0.0.1:9/hook"]
        #expect(
            try Command.parse(["sandbox", "--port", "0", "--smtp-port", "2525", "--log", "--webhooks", "hibob=http://127.0.0.1:9/hook"])
                == .sandbox(expected))
        #expect(throws: UsageError("--webhooks needs VENDOR=URL, for example hibob=http://127.0.0.1:8080/webhooks/hibob-docebo/hibob")) {
            try Command.parse(["sandbox", "--webhooks", "hibob"])
        }
        #expect(throws: UsageError("--port needs a whole number from 0 to 65535, not '99999'")) {
            try Command.parse(["sandbox", "--port", "99999"])
        }
    }
}
