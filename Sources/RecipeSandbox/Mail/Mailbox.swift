import Foundation
import RecipeData
import Synchronization

/// The SMTP sink's limits, each named after the RFC rule it enforces.
public struct SMTPSinkLimits: Sendable, Equatable {
    /// RFC 5321 §4.5.3.1.4: a command line, CRLF included.
    public var maxCommandLineLength = 512
    /// RFC 5321 §4.5.3.1.6: a line of message text, CRLF included.
    public var maxDataLineLength = 1_000
    /// Advertised with EHLO `SIZE` (RFC 1870) and enforced on the data.
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

/// The messages the sink received, oldest first, for `GET /_sandbox/mail` and tests.
public final class Mailbox: Sendable {
    public struct Entry: Sendable {
        public let id: Int
        public let receivedAt: Date
        public let mail: ReceivedMail
    }

    private let capacity: Int
    private let clock: @Sendable () -> Date
    private let onDelivery: (@Sendable (Entry) -> Void)?
    private let state = Mutex<(entries: [Entry], nextID: Int)>(([], 1))

    init(capacity: Int, clock: @escaping @Sendable () -> Date, onDelivery: (@Sendable (Entry) -> Void)? = nil) {
        self.capacity = capacity
        self.clock = clock
        self.onDelivery = onDelivery
    }

    func deliver(_ mail: ReceivedMail) {
        let now = clock()
        let entry = state.withLock { state in
            let entry = Entry(id: state.nextID, receivedAt: now, mail: mail)
            state.entries.append(entry)
            state.nextID += 1
            if state.entries.count > capacity { state.entries.removeFirst(state.entries.count - capacity) }
            return entry
        }
        onDelivery?(entry)
    }

    public var entries: [Entry] { state.withLock { $0.entries } }

    /// Forgets every message (ids keep counting, so a test never confuses old and new).
    public func clear() { state.withLock { $0.entries = [] } }

    var json: JSONValue {
        .object([("messages", .array(entries.map { $0.mail.json(id: $0.id, receivedAt: $0.receivedAt) }))])
    }
}
