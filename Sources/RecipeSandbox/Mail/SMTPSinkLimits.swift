import Foundation

/// The SMTP sink's limits, each named after the RFC rule or the resource it bounds.
public struct SMTPSinkLimits: Sendable, Equatable {
    /// RFC 5321 §4.5.3.1.4: a command line, CRLF included.
    public var maxCommandLineLength = 512
    /// RFC 5321 §4.5.3.1.6: a line of message text, CRLF included.
    public var maxDataLineLength = 1_000
    /// Advertised with EHLO `SIZE` (RFC 1870) and enforced on the data (never more than
    /// `maxStoredBytes`, so an accepted message always fits in the store).
    public var maxMessageSize = 10 * 1024 * 1024
    /// RFC 5321 §4.5.3.1.8 asks servers to accept at least 100.
    public var maxRecipients = 100
    /// Connections served at once; more are answered `421` and closed.
    public var maxConnections = 32
    /// Seconds a connection may stay silent before `421` and close (RFC 5321 §4.5.3.2.7 asks
    /// servers for 5 minutes; the sandbox is stricter so stuck clients go away sooner).
    public var idleTimeout: Double = 60
    /// Messages kept for inspection; the oldest are dropped beyond this.
    public var maxStoredMessages = 1_000
    /// Message data kept for inspection, in bytes, all messages together: the oldest are
    /// dropped until a new message fits, so the store never holds more (six maximum-size
    /// messages by default). New mail is never refused for lack of room: the sink exists to
    /// show the latest notifications.
    public var maxStoredBytes = 64 * 1024 * 1024
    /// Message data in one `GET /_sandbox/mail` page, in bytes (at least one message a page);
    /// the answer's `next` names the page after it.
    public var maxListedBytes = 16 * 1024 * 1024

    public init() {}
}

/// When set, the sink offers AUTH PLAIN and requires it before MAIL FROM.
public struct SMTPSinkCredentials: Sendable, Equatable {
    public var username: String
    public var password: String

    public init(username: String, password: String) {
        self.username = username
        self.password = password
    }
}
