// Two-stage writes for group commit with pipelined syncs.
//
// A durable write is a commit plus a sync of the log to stable storage. On SQLite the sync is
// an fsync of the WAL that takes milliseconds on a virtual disk, and with synchronous=FULL it
// happens inside COMMIT, under the write lock: the next batch cannot even start its
// transaction until the previous one's fsync returned, so one connection commits at most one
// batch per fsync. Split in two, the next batch commits while the previous batch's sync is in
// flight, and one sync covers every commit that returned before it started.
//
// A caller that answers someone ("your delivery is stored") must wait for the sync:
// `commitDeliveries` then `waitUntilDurable(ticket)` is `appendDeliveries`. Backends whose
// commit is already durable (the in-memory twin, PostgreSQL) answer `DurabilityTicket.durable`.

/// Where a commit stands: a position in the backend's sequence of commits, durable once a sync
/// that started after it returned.
public struct DurabilityTicket: Sendable, Hashable, Comparable {
    /// The commit's position; 0 is "durable already".
    public let sequence: UInt64

    public init(sequence: UInt64) { self.sequence = sequence }

    /// A commit that needs no further sync.
    public static let durable = DurabilityTicket(sequence: 0)

    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.sequence < rhs.sequence }
}

/// The value of a committed write and the ticket to wait on before relying on its durability.
public struct Committed<Value: Sendable>: Sendable {
    public var value: Value
    public var ticket: DurabilityTicket

    public init(_ value: Value, ticket: DurabilityTicket) {
        self.value = value
        self.ticket = ticket
    }
}
