import Foundation
import RecipeEngine

/// Sends `notify` steps' e-mails through an SMTP relay (for example the error e-mail to the
/// address in `NOTIFICATION_MAIL_ID`). Each notification is one SMTP conversation on a fresh
/// connection; transient failures surface as retryable so the step's retry policy applies.
public struct SMTPNotifier: Notifier {
    /// Where and as whom to send.
    public struct Configuration: Sendable {
        public var host: String
        public var port: Int
        /// The envelope and `From:` address.
        public var from: String
        public var username: String?
        /// Resolved from a secret reference; never logged.
        public var password: String?
        public var timeout: Duration

        public init(host: String, port: Int, from: String, username: String? = nil, password: String? = nil, timeout: Duration = .seconds(30)) {
            self.host = host
            self.port = port
            self.from = from
            self.username = username
            self.password = password
            self.timeout = timeout
        }
    }

    public let configuration: Configuration
    private let connect: @Sendable (Configuration) throws -> any SMTPTransport

    /// - Parameter connect: opens the byte stream to the relay (a TCP connection in production).
    public init(configuration: Configuration, connect: @escaping @Sendable (Configuration) throws -> any SMTPTransport) {
        self.configuration = configuration
        self.connect = connect
    }

    public func send(_ notification: MailNotification) async throws {
        let configuration = self.configuration
        let connect = self.connect
        let message = MailMessage(
            from: configuration.from, to: [notification.to], subject: notification.subject, body: notification.body)
        var credentials: SMTPClient.Credentials?
        if let username = configuration.username {
            credentials = SMTPClient.Credentials(username: username, password: configuration.password ?? "")
        }
        let client = SMTPClient(credentials: credentials)
        // The conversation blocks on the socket: run it off the cooperative pool.
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
            DispatchQueue.global().async {
                do {
                    let transport = try connect(configuration)
                    try client.send(message, over: transport)
                    continuation.resume()
                } catch let error as SMTPError {
                    continuation.resume(
                        throwing: ConnectorError(
                            error.isTransient ? .network : .invalidRequest,
                            "SMTP \(configuration.host):\(configuration.port): \(error)", retryable: error.isTransient))
                } catch {
                    continuation.resume(
                        throwing: ConnectorError(.network, "SMTP \(configuration.host):\(configuration.port): \(error)"))
                }
            }
        }
    }
}
