import RecipeEngine
import Synchronization

/// Keeps the e-mails a test case's job sends, in order, instead of sending them.
final class MailRecorder: Notifier {
    private let sent = Mutex<[MailNotification]>([])

    var mails: [MailNotification] { sent.withLock { $0 } }

    func send(_ notification: MailNotification) async throws {
        sent.withLock { $0.append(notification) }
    }
}
