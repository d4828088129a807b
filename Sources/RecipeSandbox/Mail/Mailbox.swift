import Foundation
import RecipeData
import Synchronization

/// The messages the sink received, oldest first, for `GET /_sandbox/mail` and tests. Bounded
/// by count (`SMTPSinkLimits.maxStoredMessages`) and by bytes (`maxStoredBytes`): the oldest
/// messages go first.
public final class Mailbox: Sendable {
    public struct Entry: Sendable {
        public let id: Int
        public let receivedAt: Date
        public let mail: ReceivedMail
    }

    private struct State {
        var entries: [Entry] = []
        var storedBytes = 0
        var nextID = 1
    }

    private let capacity: Int
    private let byteBudget: Int
    private let clock: @Sendable () -> Date
    private let onDelivery: (@Sendable (Entry) -> Void)?
    private let state = Mutex(State())

    /// An empty mailbox keeping at most `capacity` messages and `byteBudget` bytes of message
    /// data (the oldest go first); `onDelivery` is called for each message as it arrives.
    public init(
        capacity: Int, byteBudget: Int = SMTPSinkLimits().maxStoredBytes, clock: @escaping @Sendable () -> Date,
        onDelivery: (@Sendable (Entry) -> Void)? = nil
    ) {
        self.capacity = capacity
        self.byteBudget = byteBudget
        self.clock = clock
        self.onDelivery = onDelivery
    }

    func deliver(_ mail: ReceivedMail) {
        let now = clock()
        let entry = state.withLock { state in
            let entry = Entry(id: state.nextID, receivedAt: now, mail: mail)
            state.entries.append(entry)
            state.storedBytes += mail.data.count
            state.nextID += 1
            var dropped = 0
            while state.entries.count - dropped > 1
                && (state.entries.count - dropped > capacity || state.storedBytes > byteBudget)
            {
                state.storedBytes -= state.entries[dropped].mail.data.count
                dropped += 1
            }
            state.entries.removeFirst(dropped)
            return entry
        }
        onDelivery?(entry)
    }

    public var entries: [Entry] { state.withLock { $0.entries } }

    /// The bytes of message data held now (never more than the byte budget once a message
    /// smaller than it arrived).
    public var storedBytes: Int { state.withLock { $0.storedBytes } }

    /// Forgets every message (ids keep counting, so a test never confuses old and new).
    public func clear() {
        state.withLock {
            $0.entries = []
            $0.storedBytes = 0
        }
    }

    /// The messages after id `after`, oldest first, up to `maxBytes` of message data (at least
    /// one), and the id to continue after when more remain.
    public func page(after: Int, maxBytes: Int) -> (entries: [Entry], continueAfter: Int?) {
        state.withLock { state in
            var page: [Entry] = []
            var bytes = 0
            for entry in state.entries where entry.id > after {
                if !page.isEmpty && bytes + entry.mail.data.count > maxBytes {
                    return (page, page.last?.id)
                }
                page.append(entry)
                bytes += entry.mail.data.count
            }
            return (page, nil)
        }
    }

    /// `GET /_sandbox/mail[?after=ID]`: `{"messages": [...], "next"}`, `next` the path of the
    /// following page or `null`.
    func json(after: Int, maxBytes: Int) -> JSONValue {
        let (entries, continueAfter) = page(after: after, maxBytes: maxBytes)
        return .object([
            ("messages", .array(entries.map { $0.mail.json(id: $0.id, receivedAt: $0.receivedAt) })),
            ("next", continueAfter.map { .string("/_sandbox/mail?after=\($0)") } ?? .null),
        ])
    }
}
