/// Sends the e-mail notifications of `notify` steps (for example the error e-mail to the
/// address in `NOTIFICATION_MAIL_ID`). The SMTP notifier implements it; tests record messages.
public protocol Notifier: Sendable {
    func send(_ notification: MailNotification) async throws

    /// Whether `send` hands the message to a mail system. A notifier that only shows it (the
    /// console of `recipes run` without a mail relay) says `false`, and the notify step then
    /// records `"sent": false` instead of claiming the e-mail went out.
    var delivers: Bool { get }
}

extension Notifier {
    public var delivers: Bool { true }
}

public struct MailNotification: Sendable, Hashable {
    public var to: String
    public var subject: String
    public var body: String

    public init(to: String, subject: String, body: String) {
        self.to = to
        self.subject = subject
        self.body = body
    }
}

/// Refuses every notification: the default when no mail relay is configured, so a recipe that
/// notifies fails visibly instead of silently dropping the message.
public struct UnconfiguredNotifier: Notifier {
    public init() {}
    public func send(_ notification: MailNotification) async throws {
        throw ConnectorError(.invalidRequest, "no mail relay is configured to send notifications")
    }
}
