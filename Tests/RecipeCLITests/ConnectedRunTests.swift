import Foundation
import RecipeData
import RecipeSandbox
import RecipeTestSupport
import Testing

/// `recipes run --connections FILE` against the sandbox over real HTTP, with the error e-mail
/// going through a real SMTP relay: the path a production deployment takes.
@Suite(.serialized)
struct ConnectedRunTests {
    /// connections.example.json pointed at `port`, plus a notifications relay.
    static func connectionsFile(sandboxPort: Int, smtpPort: Int) throws -> URL {
        let example = try String(contentsOf: PackagePaths.root.appendingPathComponent("connections.example.json"), encoding: .utf8)
        var document = try JSONParser.parseValue(example.replacingOccurrences(of: "127.0.0.1:8099", with: "127.0.0.1:\(sandboxPort)"))
        guard case .object(var object) = document else { throw CocoaError(.fileReadCorruptFile) }
        object["notifications"] = [
            "smtp": ["host": "127.0.0.1", "port": .int(smtpPort), "from": "recipe-engine@example.com"]
        ]
        document = .object(object)
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("connections-\(UUID().uuidString).json")
        try document.jsonString(pretty: true).write(to: url, atomically: true, encoding: .utf8)
        return url
    }

    func run(_ arguments: [String], environment: [String: String], stdin: String) async throws -> (Int32, String, String) {
        try await offloaded { try Self.runBinary(arguments, environment: environment, stdin: stdin) }
    }

    static func runBinary(_ arguments: [String], environment: [String: String], stdin: String) throws -> (Int32, String, String) {
        let process = Process()
        process.executableURL = BinaryTests.binary
        process.arguments = arguments
        process.currentDirectoryURL = PackagePaths.root
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        let out = Pipe()
        let err = Pipe()
        let input = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = input
        try process.run()
        input.fileHandleForWriting.write(Data(stdin.utf8))
        try input.fileHandleForWriting.close()
        let stdout = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        let stderr = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return (process.terminationStatus, stdout, stderr)
    }

    @Test func aSuccessfulRunReadsHiBobAndWritesDoceboOverHTTP() async throws {
        var configuration = SandboxConfiguration()
        configuration.companySize = 50
        let sandbox = SandboxServer(configuration)
        let port = try sandbox.start()
        let relay = try SMTPRelay()
        let file = try Self.connectionsFile(sandboxPort: port, smtpPort: relay.port)
        let employee = try #require(sandbox.sandbox.hibobEmployees.first { $0.status == .active })
        let (status, stdout, stderr) = try await run(
            ["run", "hibob-docebo/capture-user-update", "--connections", file.path, "--input", "-"],
            environment: sandbox.connectionEnvironment,
            stdin: #"{"type": "employee.updated", "data": {"employeeId": "\#(employee.id)"}}"#)
        #expect(status == 0, "\(stdout)\n\(stderr)")
        #expect(stdout.contains("hibob-docebo/capture-user-update succeeded"))
        #expect(sandbox.sandbox.doceboUsers.contains { $0.email.lowercased() == employee.email.lowercased() })
        #expect(relay.messages.isEmpty)
        await sandbox.shutdown()
        try? FileManager.default.removeItem(at: file)
    }

    @Test func aFailedJobEmailsTheAddressFromTheLookupTableWithoutSecrets() async throws {
        var configuration = SandboxConfiguration()
        configuration.companySize = 50
        let sandbox = SandboxServer(configuration)
        let port = try sandbox.start()
        let relay = try SMTPRelay()
        let file = try Self.connectionsFile(sandboxPort: port, smtpPort: relay.port)
        let (status, stdout, _) = try await run(
            ["run", "hibob-docebo/capture-user-update", "--connections", file.path, "--input", "-"],
            environment: sandbox.connectionEnvironment,
            stdin: #"{"type": "employee.updated", "data": {"employeeId": "1111111111111111111"}}"#)
        #expect(status == 1)
        #expect(stdout.contains("HTTP 404"))
        let mail = try #require(relay.messages.first)
        #expect(mail.contains("X-Envelope-To: integrations-alerts@example.com"))
        #expect(mail.contains("Subject: [RecipeEngine] hibob-docebo/capture-user-update failed"))
        #expect(mail.contains("hibob.get_employee failed"))
        for secret in sandbox.connectionEnvironment.values {
            #expect(!mail.contains(secret), "the e-mail contains a secret")
            #expect(!stdout.contains(secret), "the output contains a secret")
        }
        await sandbox.shutdown()
        try? FileManager.default.removeItem(at: file)
    }

    @Test func aMissingSecretIsAClearErrorNamingTheConnectionAndVariable() async throws {
        let file = try Self.connectionsFile(sandboxPort: 9, smtpPort: 25)
        let (status, _, stderr) = try await run(
            ["run", "hibob-docebo/capture-user-update", "--connections", file.path, "--input", "-"],
            environment: ["HIBOB_TOKEN": ""], stdin: "{}")
        #expect(status == 1)
        #expect(stderr.contains("hibob"))
        #expect(stderr.contains("HIBOB_SERVICE_USER_ID") || stderr.contains("HIBOB_TOKEN"))
        try? FileManager.default.removeItem(at: file)
    }
}
