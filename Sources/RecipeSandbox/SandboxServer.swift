import Foundation
import RecipeHTTP

/// The sandbox served over real HTTP on loopback: what `recipes sandbox` runs and what the
/// loopback tests and benchmarks talk to. Every vendor is under its prefix
/// (`http://127.0.0.1:PORT/hibob/v1/...`).
public final class SandboxServer: Sendable {
    public let sandbox: Sandbox
    private let server: HTTPServer

    public init(_ configuration: SandboxConfiguration = SandboxConfiguration(), host: String = "127.0.0.1", port: Int = 0) {
        sandbox = Sandbox(configuration)
        server = HTTPServer(
            configuration: HTTPServer.Configuration(host: host, port: port, shutdownGracePeriod: .seconds(5)),
            handler: sandbox, logger: { _ in })
    }

    /// Binds and starts serving; returns the port.
    @discardableResult
    public func start() throws -> Int { try server.start() }

    public var port: Int { server.port ?? 0 }

    /// `http://127.0.0.1:PORT`.
    public var baseURL: String { "http://127.0.0.1:\(port)" }

    public func shutdown() async { await server.shutdown() }

    /// The environment variables `connections.example.json` reads, set to this sandbox's
    /// credentials, so the shipped connection file works against the sandbox unchanged.
    public var connectionEnvironment: [String: String] {
        let c = sandbox.configuration
        return [
            "HIBOB_SERVICE_USER_ID": c.hibob.serviceUserID, "HIBOB_TOKEN": c.hibob.token,
            "HIBOB_WEBHOOK_SECRET": c.hibob.webhookSecret,
            "DOCEBO_CLIENT_ID": c.docebo.clientID, "DOCEBO_CLIENT_SECRET": c.docebo.clientSecret,
            "DOCEBO_USERNAME": c.docebo.username, "DOCEBO_PASSWORD": c.docebo.password,
            "LEARNING360_CLIENT_ID": c.learning360.clientID, "LEARNING360_CLIENT_SECRET": c.learning360.clientSecret,
            "GREENHOUSE_API_KEY": c.greenhouse.apiKey, "GREENHOUSE_WEBHOOK_SECRET": c.greenhouse.webhookSecret,
            "RECRUIT_TOKEN": c.recruit.token, "REACHDESK_TOKEN": c.reachdesk.token,
            "HIPEOPLE_API_KEY": c.hipeople.apiKey, "HIPEOPLE_API_SECRET": c.hipeople.apiSecret,
            "HIPEOPLE_WEBHOOK_SECRET": c.hipeople.webhookSecret,
        ]
    }
}
