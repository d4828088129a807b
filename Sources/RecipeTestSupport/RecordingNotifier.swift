import RecipeEngine
import Synchronization

/// Keeps every notification instead of sending it; can be told to fail.
public final class RecordingNotifier: Notifier {
    private let sent = Mutex<[MailNotification]>([])
    private let failure: ConnectorError?

    public init(failingWith failure: ConnectorError? = nil) {
        self.failure = failure
    }

    public var notifications: [MailNotification] { sent.withLock { $0 } }

    public func send(_ notification: MailNotification) async throws {
        if let failure { throw failure }
        sent.withLock { $0.append(notification) }
    }
}
