// The sandbox served in this process on loopback, with the shipped connector definitions and
// `connections.example.json` pointed at it and given its credentials (as `recipes demo` does):
// the setup of the `connector` and `e2e` benchmarks.
//
// Rate limits are raised on both sides so they do not cap the figures: the sandbox's HiBob
// `readsPerMinute` and Docebo `callsPerHour`, and the Docebo connection's client-side token
// bucket (the definition's 1,000/h, burst 20), overridden by a connection `rateLimit`.
import Foundation
import RecipeConnectors
import RecipeData
import RecipeEngine
import RecipeSandbox

final class SandboxFixture {
    /// What the benchmarks print about the raised limits.
    static let limitsNote = "vendor rate limits raised (HiBob reads/min, Docebo calls/h, Docebo client bucket)"
    static let raisedLimit = 100_000_000

    let server: SandboxServer
    let runtime: ConnectorRuntime
    let root: URL
    private let connectionsFile: URL

    struct SetupError: Error, CustomStringConvertible {
        var description: String
    }

    init(employees: Int) throws {
        root = Self.packageRoot()
        var configuration = SandboxConfiguration()
        configuration.companySize = employees
        configuration.hibob.readsPerMinute = Self.raisedLimit
        configuration.docebo.callsPerHour = Self.raisedLimit
        server = SandboxServer(configuration)
        try server.start()
        let example = try String(contentsOf: root.appendingPathComponent("connections.example.json"), encoding: .utf8)
        guard example.contains("\"baseURL\": \"http://127.0.0.1:8099/docebo\"") else {
            throw SetupError(description: "connections.example.json: no docebo baseURL on 127.0.0.1:8099 to re-point")
        }
        let text = server.pointing(
            exampleConnections: example.replacingOccurrences(
                of: "\"baseURL\": \"http://127.0.0.1:8099/docebo\"",
                with: "\"baseURL\": \"http://127.0.0.1:8099/docebo\", \"rateLimit\": { \"requests\": 1000000, \"per\": \"1s\", \"burst\": 1000000 }"))
        connectionsFile = FileManager.default.temporaryDirectory.appendingPathComponent("recipe-bench-connections-\(UUID().uuidString).json")
        try text.write(to: connectionsFile, atomically: true, encoding: .utf8)
        let (runtime, diagnostics) = ConnectorSetup.load(
            definitionsDirectory: root.appendingPathComponent("connectors").path, connectionsFile: connectionsFile.path,
            secrets: SecretResolver(environment: server.connectionEnvironment))
        guard let runtime else {
            try? FileManager.default.removeItem(at: connectionsFile)
            throw SetupError(description: diagnostics.map(\.description).joined(separator: "\n"))
        }
        self.runtime = runtime
    }

    var sandbox: Sandbox { server.sandbox }

    func stop() async {
        await server.shutdown()
        try? FileManager.default.removeItem(at: connectionsFile)
    }

    /// The package root: the current directory when it holds recipes/ and connectors/ (as
    /// Benchmarks/run.sh arranges), otherwise found from this source file.
    static func packageRoot() -> URL {
        let fm = FileManager.default
        let current = URL(fileURLWithPath: fm.currentDirectoryPath)
        if fm.fileExists(atPath: current.appendingPathComponent("connectors").path),
            fm.fileExists(atPath: current.appendingPathComponent("recipes").path)
        {
            return current
        }
        return URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
    }
}
