// Accepted webhook deliveries, as the store keeps them.
import RecipeData

/// How a delivery's signature was checked before it was accepted (a failed check is answered
/// 401 and never stored).
public enum DeliveryVerification: String, Sendable, CaseIterable {
    /// The signature matched the connection's secret.
    case verified
    /// The connection has no signing secret, so nothing was checked.
    case unsigned
}

/// A delivery the intake accepted, before the store gives it an id.
public struct NewDelivery: Sendable, Equatable {
    /// The raw request body, byte for byte (redacted by the caller if it must be).
    public var body: [UInt8]
    /// The headers that matter (signature, event id, content type), lower-case names.
    public var headers: [String: String]
    /// The connection name from the URL (`/webhooks/<folder>/<connection>`).
    public var connection: String
    /// The project folder from the URL.
    public var folder: String
    /// When the request was received, in milliseconds since 1970 UTC.
    public var receivedAt: Int64
    /// The deduplication key (Greenhouse's event id, or a hash of HiBob's parsed body); `nil`
    /// never deduplicates. Keys are compared as given: the caller namespaces them.
    public var dedupKey: String?
    public var verification: DeliveryVerification

    public init(
        body: [UInt8], headers: [String: String] = [:], connection: String, folder: String, receivedAt: Int64,
        dedupKey: String?, verification: DeliveryVerification
    ) {
        self.body = body
        self.headers = headers
        self.connection = connection
        self.folder = folder
        self.receivedAt = receivedAt
        self.dedupKey = dedupKey
        self.verification = verification
    }
}

/// A delivery to append with the jobs it starts (the started recipes it matched), so that the
/// delivery and its jobs commit together: a crash never leaves an accepted delivery whose jobs
/// were not enqueued.
public struct DeliveryIntake: Sendable, Equatable {
    public var delivery: NewDelivery
    /// Enqueued in the delivery's transaction with `deliveryID` set to its id, unless the
    /// delivery is a duplicate (then nothing is enqueued).
    public var jobs: [NewJob]

    public init(_ delivery: NewDelivery, jobs: [NewJob] = []) {
        self.delivery = delivery
        self.jobs = jobs
    }
}

/// A stored delivery: the accepted request, its id, the delivery it duplicates if any, and the
/// jobs it started.
public struct StoredDelivery: Sendable, Equatable {
    /// Ids grow in append order.
    public var id: Int64
    public var delivery: NewDelivery
    /// The id of the first delivery with the same dedup key inside the window, when this one
    /// is a duplicate. A duplicate is its own row and starts no job.
    public var duplicateOf: Int64?
    /// The jobs this delivery started (or was coalesced into) that are still in the store.
    public var jobIDs: [Int64]
    /// The debounced job a later delivery of the same key took over: this delivery's job now
    /// runs with the later delivery's body.
    public var coalescedInto: Int64?

    public init(id: Int64, delivery: NewDelivery, duplicateOf: Int64?, jobIDs: [Int64] = [], coalescedInto: Int64? = nil) {
        self.id = id
        self.delivery = delivery
        self.duplicateOf = duplicateOf
        self.jobIDs = jobIDs
        self.coalescedInto = coalescedInto
    }
}

/// Which deliveries `deliveries(_:)` returns: newest first.
public struct DeliveryFilter: Sendable, Equatable {
    public var folder: String?
    public var connection: String?
    /// Only deliveries received at or after this time (ms UTC).
    public var since: Int64?
    /// Only the deliveries coalesced into this (debounced) job.
    public var coalescedInto: Int64?
    public var limit: Int

    public init(
        folder: String? = nil, connection: String? = nil, since: Int64? = nil, coalescedInto: Int64? = nil, limit: Int = 100
    ) {
        self.folder = folder
        self.connection = connection
        self.since = since
        self.coalescedInto = coalescedInto
        self.limit = limit
    }
}
