import Foundation
import RecipeData
import RecipeHTTP
import RecipeHTTPCore
import RecipeTestSupport
import Testing

/// End-to-end runs of the built `recipes` binary, as a user runs it.
struct BinaryTests {
    struct Output: Sendable {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// The `recipes` executable built beside the test bundle.
    static var binary: URL {
        let testBinary = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
        var directory = testBinary.deletingLastPathComponent()
        while directory.path != "/" && !FileManager.default.fileExists(atPath: directory.appendingPathComponent("recipes").path) {
            directory = directory.deletingLastPathComponent()
        }
        return directory.appendingPathComponent("recipes")
    }

    func recipes(_ arguments: [String], in directory: URL = PackagePaths.root, stdin: String? = nil) async throws -> Output {
        try await offloaded { try Self.runBinary(arguments, in: directory, stdin: stdin) }
    }

    static func runBinary(
        _ arguments: [String], in directory: URL, stdin: String?, environment: [String: String]? = nil
    ) throws -> Output {
        let process = Process()
        process.executableURL = binary
        process.arguments = arguments
        process.currentDirectoryURL = directory
        if let environment { process.environment = environment }
        let out = Pipe()
        let err = Pipe()
        let input = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = input
        try process.run()
        if let stdin { input.fileHandleForWriting.write(Data(stdin.utf8)) }
        try input.fileHandleForWriting.close()
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Output(
            status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self),
            stderr: String(decoding: stderr, as: UTF8.self))
    }

    @Test func validateReportsEveryProblemOfAFixtureAndExitsWithOne() async throws {
        let fixture = PackagePaths.fixtures.appendingPathComponent("validate/references")
        let result = try await recipes(["validate", "."], in: fixture)
        #expect(result.status == 1)
        let expected = try String(contentsOf: fixture.appendingPathComponent("expected.txt"), encoding: .utf8)
        #expect(result.stderr.hasPrefix(expected))
        #expect(result.stderr.contains("1 recipes, 1 lookup tables: 12 errors, 1 warning"))
    }

    @Test func validatePrefixesPathsWithTheProjectArgument() async throws {
        let result = try await recipes(["validate", "Tests/Fixtures/validate/syntax"])
        #expect(result.status == 1)
        #expect(result.stderr.hasPrefix("Tests/Fixtures/validate/syntax/recipes/a/broken.json:5:35: error: trailing commas are not allowed"))
    }

    @Test func theShippedRecipesAreClean() async throws {
        let result = try await recipes(["validate"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.contains("0 errors, 0 warnings"))
    }

    @Test func usageErrorsExitWith64() async throws {
        let result = try await recipes(["frobnicate"])
        #expect(result.status == 64)
        #expect(result.stderr.contains("recipes: unknown command 'frobnicate'"))
        #expect(result.stderr.contains("usage: recipes <command>"))
    }

    @Test func theMainJobRunsTheHiBobToDoceboChainWithMocks() async throws {
        let result = try await recipes([
            "run", "hibob-docebo/capture-user-update", "--input", "recipes/hibob-docebo/samples/employee-updated.json",
            "--mocks", "recipes/hibob-docebo/samples/mocks.json", "--trace",
        ])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("hibob-docebo/create-update-user#create action succeeded"))
        #expect(result.stdout.contains("after 2 attempts"))
        #expect(result.stdout.contains(#"input:  {"email":"ada.lovelace@example.com","firstname":"Ada","lastname":"Lovelace"}"#))
        #expect(result.stdout.contains("hibob-docebo/capture-user-update succeeded"))
    }

    @Test func runJSONPrintsTheWholeJobRecordAndReadsStandardInput() async throws {
        let result = try await recipes(
            [
                "run", "recipes/hibob-docebo/employee-deleted.json", "--input", "-", "--mocks",
                "recipes/hibob-docebo/samples/mocks.json", "--json",
            ], stdin: #"{"type": "employee.deleted", "data": {"employeeId": "3332883894235038486", "email": "gone@example.com"}}"#)
        #expect(result.status == 0, "\(result.stderr)")
        let record = try JSONParser.parseValue(result.stdout)
        #expect(record["status"] == "succeeded")
        #expect(record["message"] == "no Docebo user has the e-mail gone@example.com")
        #expect(record["trigger"]?["data"]?["employeeId"] == "3332883894235038486")
        #expect(record["steps"]?.arrayValue?.map { $0["step"] } == ["existing", "ambiguous", "nothing_to_delete", "no_user"])
    }

    @Test func aFailedJobExitsWithOneAndSaysWhere() async throws {
        let result = try await recipes(
            ["run", "hibob-docebo/capture-user-update", "--input", "-"], stdin: #"{"data": {}}"#)
        #expect(result.status == 1)
        #expect(result.stdout.contains("failed"))
        #expect(result.stdout.contains("recipes/hibob-docebo/capture-user-update.json:"))
        #expect(result.stdout.contains("trigger.data.employeeId"))
    }

    @Test func badInputJSONIsALocatedError() async throws {
        let result = try await recipes(["run", "hibob-docebo/capture-user-update", "--input", "-"], stdin: "{\"data\": }")
        #expect(result.status == 1)
        #expect(result.stderr.hasPrefix("<stdin>:1:10: error:"))
    }

    @Test func theDemoSyncsAHiBobEmployeeThroughItsLifeIntoTheSandboxDocebo() async throws {
        let result = try await recipes(["demo", "--employees", "50"])
        #expect(result.status == 0, "\(result.stderr)")
        let lines = result.stdout.split(separator: "\n").map(String.init)
        #expect(lines.contains("webhook employee.created (signature verified) → hibob-docebo/capture-user-create"))
        #expect(lines.contains("webhook employee.deleted (signature verified) → hibob-docebo/employee-deleted"))
        #expect(lines.contains { $0.hasPrefix("Docebo: user ") && $0.hasSuffix("ada.lovelace@acme.example Ada Lovelace, active") })
        #expect(lines.contains { $0.hasPrefix("Docebo: user ") && $0.hasSuffix("Ada Lovelace, inactive") })
        #expect(lines.contains("Docebo: no user ada.lovelace@acme.example"))
        // The planned failure: its onError handler e-mails NOTIFICATION_MAIL_ID through the SMTP sink.
        #expect(lines.contains { $0.contains("hibob-docebo/capture-user-create failed in") })
        #expect(lines.contains("mail sink: 1 message(s)"))
        #expect(lines.contains("  to integrations-alerts@example.com: [RecipeEngine] hibob-docebo/capture-user-create failed"))
        #expect(lines.contains { $0.hasPrefix("    docebo.find_users_by_email failed: HTTP 400") })
        #expect(lines.last == "all jobs succeeded (and 1 failed as planned, its error e-mail delivered)")
    }

    /// The sample's employee does not exist in the generated company: HiBob answers 404 over
    /// real HTTP, the job fails, and its onError handler's e-mail reaches the SMTP sink.
    @Test func runAgainstTheSandboxMailsTheErrorThroughTheSink() async throws {
        let result = try await recipes([
            "run", "hibob-docebo/capture-user-update", "--input", "recipes/hibob-docebo/samples/employee-updated.json", "--sandbox",
        ])
        #expect(result.status == 1)
        #expect(result.stdout.contains("at hibob-docebo/retrieve-employee-details#employee"))
        #expect(result.stderr.contains("mail sink: 1 message(s)"))
        #expect(result.stderr.contains("  to integrations-alerts@example.com: [RecipeEngine] hibob-docebo/capture-user-update failed"))
        #expect(result.stderr.contains("hibob.get_employee failed: HTTP 404"))
        #expect(!result.stderr.contains("sandbox-hibob-token"))
    }

    /// The sandbox command end to end: HTTP on the printed port (with `--log` lines), the SMTP
    /// sink on its printed port (with a line per message), and a clean exit on SIGTERM.
    @Test func theSandboxCommandServesUntilSIGTERM() async throws {
        let (output, status, greeting, exit) = try await offloaded { () -> (String, String, String, Int32) in
            let process = Process()
            process.executableURL = Self.binary
            process.arguments = ["sandbox", "--port", "0", "--smtp-port", "0", "--employees", "50", "--log"]
            let out = Pipe()
            process.standardOutput = out
            try process.run()
            defer { if process.isRunning { process.terminate() } }
            // A watchdog: a line that never comes ends the test (empty reads) instead of hanging it.
            DispatchQueue.global().asyncAfter(deadline: .now() + 60) { if process.isRunning { process.terminate() } }
            var output = ""
            func read(until marker: String) {
                while !output.contains(marker) {
                    let chunk = out.fileHandleForReading.availableData
                    if chunk.isEmpty { return }
                    output += String(decoding: chunk, as: UTF8.self)
                }
            }
            func port(after scheme: String) -> Int {
                let line = output.split(separator: "\n").first { $0.contains(scheme) } ?? ""
                return line.split(separator: ":").dropFirst(2).first.flatMap { Int($0.prefix { $0.isNumber }) } ?? 0
            }
            read(until: "(mail sink")
            let mail = try TCPConnection.connect(host: "127.0.0.1", port: port(after: "smtp://"), timeout: 5)
            let greeting = String(decoding: try mail.read(), as: UTF8.self)
            try mail.write("HELO t\r\nMAIL FROM:<engine@example.com>\r\nRCPT TO:<ops@example.com>\r\nDATA\r\n")
            try mail.write("Subject: Job failed\r\n\r\nbody\r\n.\r\nQUIT\r\n")
            _ = try mail.readToEnd()
            mail.close()
            let curl = Process()
            curl.executableURL = URL(fileURLWithPath: "/usr/bin/curl")
            curl.arguments = [
                "-s", "-o", "/dev/null", "-w", "%{http_code}", "-u", "sandbox-service-user:sandbox-hibob-token", "-X", "POST",
                "-H", "Content-Type: application/json", "-d", "{}",
                "http://127.0.0.1:\(port(after: "listening on http://"))/hibob/v1/people/nobody@example.com",
            ]
            let curlOut = Pipe()
            curl.standardOutput = curlOut
            try curl.run()
            curl.waitUntilExit()
            let status = String(decoding: curlOut.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            read(until: "mail 1:")
            read(until: "POST /hibob/")
            process.terminate()
            process.waitUntilExit()
            return (output, status, greeting, process.terminationStatus)
        }
        #expect(output.hasPrefix("sandbox listening on http://127.0.0.1:"))
        #expect(status == "404")
        #expect(greeting.hasPrefix("220 "))
        #expect(output.contains("mail 1: engine@example.com → ops@example.com: Job failed"))
        #expect(output.contains("POST /hibob/v1/people/nobody@example.com → 404 ("))
        #expect(exit == 0)
    }

    @Test func schemaMatchesTheCommittedFile() async throws {
        let result = try await recipes(["schema"])
        #expect(result.status == 0)
        let committed = try String(contentsOf: PackagePaths.root.appendingPathComponent("docs/recipe.schema.json"), encoding: .utf8)
        #expect(result.stdout == committed, "run: swift run recipes schema > docs/recipe.schema.json")
    }

    @Test func graphShowsWhichWebhookEventsReachWhichRecipes() async throws {
        let result = try await recipes(["graph", "hibob-docebo"])
        #expect(result.status == 0)
        #expect(result.stdout.hasPrefix("flowchart LR"))
        #expect(result.stdout.contains(#"webhook_hibob -- "employee.deleted" --> recipe_hibob_docebo_employee_deleted"#))
        #expect(result.stdout.contains("recipe_hibob_docebo_retrieve_employee_details --> recipe_hibob_docebo_create_update_user"))
        let unknown = try await recipes(["graph", "hibob-docebbo"])
        #expect(unknown.status == 1)
        #expect(unknown.stderr.contains("did you mean 'hibob-docebo'?"))
    }

    /// Whether `python3` can import `jsonschema` (Debian: `apt-get install python3-jsonschema`).
    static let jsonschemaAvailable: Bool = {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", "import jsonschema"]
        process.standardError = FileHandle.nullDevice
        guard (try? process.run()) != nil else { return false }
        process.waitUntilExit()
        return process.terminationStatus == 0
    }()

    /// The shipped recipes also pass the published JSON Schema, checked by an independent
    /// validator: Python's jsonschema. Without it the test is skipped with the line below (a
    /// fresh clone still passes `swift test`); `.ci/run` installs it and sets
    /// `RECIPES_REQUIRE_JSONSCHEMA=1`, so CI never skips it.
    @Test(
        .enabled(
            if: jsonschemaAvailable || ProcessInfo.processInfo.environment["RECIPES_REQUIRE_JSONSCHEMA"] == "1",
            "needs python3 with jsonschema: apt-get install python3-jsonschema (or pip install jsonschema); .ci/run installs it"))
    func shippedRecipesValidateAgainstTheSchemaWithAnIndependentValidator() async throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [
            "python3", "-c",
            """
            import json, glob, jsonschema
            schema = json.load(open('docs/recipe.schema.json'))
            jsonschema.Draft202012Validator.check_schema(schema)
            files = sorted(glob.glob('recipes/*/*.json'))
            assert files
            for f in files: jsonschema.validate(json.load(open(f)), schema)
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
}

struct ConnectorValidationTests {
    /// With `connectors/`, validate also checks definitions and that actions exist.
    @Test func validateChecksConnectorDefinitionsAndActions() async throws {
        let result = try await BinaryTests().recipes(["validate", "Tests/Fixtures/validate-connectors"])
        #expect(result.status == 1)
        let expected = try String(
            contentsOf: PackagePaths.fixtures.appendingPathComponent("validate-connectors/expected.txt"), encoding: .utf8)
        #expect(result.stderr == expected)
    }
}
