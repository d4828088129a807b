import Foundation
import RecipeHTTP
import RecipeHTTPCore
import Synchronization

/// The sandbox served over real HTTP on loopback: what `recipes sandbox` runs and what the
/// loopback tests and benchmarks talk to. Every vendor is under its prefix
/// (`http://127.0.0.1:PORT/hibob/v1/...`); the SMTP sink listens on its own port.
public final class SandboxServer: Sendable {
    public let sandbox: Sandbox
    private let server: HTTPServer
    private let host: String
    private let requestedSMTPPort: Int
    private let sink = Mutex<SMTPSink?>(nil)

    /// - Parameter smtpPort: where the SMTP sink listens (0 picks a free port).
    public init(_ configuration: SandboxConfiguration = SandboxConfiguration(), host: String = "127.0.0.1", port: Int = 0, smtpPort: Int = 0) {
        sandbox = Sandbox(configuration)
        server = HTTPServer(
            configuration: HTTPServer.Configuration(host: host, port: port, shutdownGracePeriod: .seconds(5)),
            handler: sandbox, logger: { _ in })
        self.host = host
        requestedSMTPPort = smtpPort
    }

    /// Binds both servers and starts serving; returns the HTTP port.
    @discardableResult
    public func start() throws -> Int {
        let configuration = sandbox.configuration
        let smtp = try SMTPSink(
            host: host, port: requestedSMTPPort, mailbox: sandbox.mailbox, limits: configuration.smtp,
            credentials: configuration.smtpCredentials)
        let port: Int
        do {
            port = try server.start()
        } catch {
            smtp.stop()
            throw error
        }
        smtp.start()
        sink.withLock { $0 = smtp }
        return port
    }

    public var port: Int { server.port ?? 0 }

    /// The SMTP sink's port (0 before `start()`).
    public var smtpPort: Int { sink.withLock { $0?.port ?? 0 } }

    /// `http://127.0.0.1:PORT`.
    public var baseURL: String { "http://127.0.0.1:\(port)" }

    public func shutdown() async {
        await server.shutdown()
        let smtp = sink.withLock { sink in
            defer { sink = nil }
            return sink
        }
        // `stop()` waits for the sink's threads: keep that wait off the cooperative pool.
        if let smtp { await withCheckedContinuation { done in DispatchQueue.global().async { smtp.stop(); done.resume() } } }
    }

    /// The HTTP and SMTP ports `connections.example.json` names (`recipes sandbox`'s defaults).
    public static let examplePort = 8099
    public static let exampleSMTPPort = 8025

    /// `connections.example.json`'s text pointed at this server: its vendor base URLs at the
    /// HTTP port and its `notifications.smtp` at the SMTP sink.
    public func pointing(exampleConnections text: String) -> String {
        text.replacingOccurrences(of: "127.0.0.1:\(Self.examplePort)", with: "127.0.0.1:\(port)")
            .replacingOccurrences(of: "\"port\": \(Self.exampleSMTPPort)", with: "\"port\": \(smtpPort)")
    }

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
