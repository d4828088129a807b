import Foundation
import RecipeSandbox

/// A real SMTP server on 127.0.0.1 receiving the notifier's messages: the sandbox's own SMTP
/// sink (`SMTPSink`, RFC 5321 over loopback, cross-checked against Python's `smtplib` in
/// `SMTPSinkLoopbackTests`) on a free port, so the tests need no peer installed beside them.
public final class SMTPRelay: Sendable {
    private let sink: SMTPSink
    private let mailbox: Mailbox
    /// The port the relay listens on (chosen by the system).
    public let port: Int

    /// Starts listening; with `credentials`, AUTH PLAIN is offered and required.
    public init(credentials: (String, String)? = nil) throws {
        mailbox = Mailbox(capacity: 1_000, clock: { Date() })
        sink = try SMTPSink(
            port: 0, mailbox: mailbox,
            credentials: credentials.map { SMTPSinkCredentials(username: $0.0, password: $0.1) })
        port = sink.port
        sink.start()
    }

    /// The messages received so far, oldest first: `X-Envelope-From` and `X-Envelope-To` lines
    /// (the envelope) followed by the data as received.
    public var messages: [String] {
        mailbox.entries.map { entry in
            "X-Envelope-From: \(entry.mail.from)\r\nX-Envelope-To: \(entry.mail.recipients.joined(separator: ","))\r\n"
                + String(decoding: entry.mail.data, as: UTF8.self)
        }
    }

    deinit { sink.stop() }
}
