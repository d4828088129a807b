import Foundation
import RecipeConnectors
import RecipeData
import RecipeEngine
import RecipeHTTPCore
import RecipeModel
import RecipeSandbox

/// The sandbox started in this process, with the project's connector definitions and its
/// `connections.example.json` pointed at it (vendor APIs, and notifications at the SMTP sink)
/// and given the sandbox's credentials: the "no accounts needed" setup of `recipes demo` and
/// `recipes run --sandbox`.
final class SandboxSession: Sendable {
    let server: SandboxServer
    let runtime: ConnectorRuntime
    private let connectionsFile: URL

    struct SetupError: Error, CustomStringConvertible {
        var description: String
    }

    init(projectRoot: URL, companySize: Int, seed: UInt64, observer: AttemptObserver? = nil) throws {
        var configuration = SandboxConfiguration()
        configuration.companySize = companySize
        configuration.seed = seed
        server = SandboxServer(configuration)
        try server.start()
        let example = projectRoot.appendingPathComponent("connections.example.json")
        guard let text = try? String(contentsOf: example, encoding: .utf8) else {
            throw SetupError(description: "no connections.example.json in \(projectRoot.path)")
        }
        connectionsFile = FileManager.default.temporaryDirectory.appendingPathComponent("recipes-sandbox-\(UUID().uuidString).json")
        try server.pointing(exampleConnections: text).write(to: connectionsFile, atomically: true, encoding: .utf8)
        let (runtime, diagnostics) = ConnectorSetup.load(
            definitionsDirectory: projectRoot.appendingPathComponent("connectors").path, connectionsFile: connectionsFile.path,
            secrets: SecretResolver(environment: server.connectionEnvironment), observer: observer)
        guard let runtime else {
            throw SetupError(description: diagnostics.map(\.description).joined(separator: "\n"))
        }
        self.runtime = runtime
    }

    var sandbox: Sandbox { server.sandbox }

    /// What the SMTP sink received: recipient, subject and body of each message.
    func mailReport() -> String {
        let entries = sandbox.mailbox.entries
        guard !entries.isEmpty else { return "mail sink: no messages" }
        return (["mail sink: \(entries.count) message(s)"]
            + entries.map { entry in
                let body = entry.mail.body.split(separator: "\r\n", omittingEmptySubsequences: false).map { "    " + $0 }
                return (["  to \(entry.mail.recipients.joined(separator: ", ")): \(entry.mail.subject)"] + body.dropLast())
                    .joined(separator: "\n")
            }).joined(separator: "\n")
    }

    func stop() async {
        await server.shutdown()
        try? FileManager.default.removeItem(at: connectionsFile)
    }
}
