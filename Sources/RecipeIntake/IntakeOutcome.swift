import Foundation
import RecipeData
import RecipeHTTPCore
import RecipeModel

/// What the intake decided for a request that passed its checks.
public enum IntakeOutcome: Sendable {
    /// The vendor's test delivery: answer 200, store and start nothing.
    case ping(folder: String, connection: String)
    /// A verified JSON delivery, to be stored before it is answered.
    case accepted(AcceptedDelivery)

    /// The 200 answer to this outcome once it is handled (stored, for a delivery).
    public var response: HTTPResponse {
        switch self {
        case .ping: .json(["received": "ping"])
        case .accepted(let delivery): .json(["received": "delivery", "dedupKey": .string(delivery.dedupKey)])
        }
    }
}

/// A delivery that passed every check: what the store keeps and the job runtime reads.
public struct AcceptedDelivery: Sendable {
    /// The recipe folder of the webhook URL.
    public var folder: String
    /// The connection of the webhook URL, whose secrets verified the signature.
    public var connection: String
    /// When the intake received it (the caller's clock).
    public var receivedAt: Date
    /// The raw body, exactly as received (the signature was computed over these bytes).
    public var body: [UInt8]
    /// The body, parsed: the recipes' `trigger`.
    public var payload: JSONValue
    /// The headers that matter (see `WebhookIntake.keptHeaders`); never a signature value.
    public var headers: HTTPHeaders
    /// The event type read at the connection's `eventType` field, when the body has one.
    public var eventType: String?
    /// The vendor's delivery id (`Greenhouse-Event-ID`), when it sends one.
    public var eventID: String?
    /// Equal for a delivery and its redeliveries (see `WebhookIntake.dedupKey`).
    public var dedupKey: String
    /// The folder's recipes whose webhook trigger is on this connection and lists this event
    /// type, in id order, started or not; their filters are evaluated when a job runs.
    public var recipes: [RecipeID]

    public init(
        folder: String, connection: String, receivedAt: Date, body: [UInt8], payload: JSONValue, headers: HTTPHeaders,
        eventType: String?, eventID: String?, dedupKey: String, recipes: [RecipeID]
    ) {
        self.folder = folder
        self.connection = connection
        self.receivedAt = receivedAt
        self.body = body
        self.payload = payload
        self.headers = headers
        self.eventType = eventType
        self.eventID = eventID
        self.dedupKey = dedupKey
        self.recipes = recipes
    }
}
