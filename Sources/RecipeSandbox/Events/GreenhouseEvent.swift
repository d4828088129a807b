// Greenhouse webhook deliveries.
// Follows https://developers.greenhouse.io/webhooks.html: JSON `{"action", "payload": {...}}`,
// `Signature: sha256 <hex HMAC-SHA256 of the raw body>`, a unique `Greenhouse-Event-ID` per
// delivery; actions `candidate_stage_change`, `hire_candidate`, `reject_candidate`,
// `new_candidate_application`.
import Foundation
import RecipeData

/// One Greenhouse webhook event.
public struct GreenhouseEvent: Sendable, Equatable {
    public var action: String
    public var payload: JSONValue
    /// Sent as `Greenhouse-Event-ID`.
    public var eventID: String

    public init(action: String, payload: JSONValue, eventID: String) {
        self.action = action
        self.payload = payload
        self.eventID = eventID
    }

    public var json: JSONValue { .object([("action", .string(action)), ("payload", payload)]) }

    public var body: [UInt8] { json.jsonBytes() }

    /// A delivery signed like Greenhouse.
    public func delivery(secret: String) -> WebhookDelivery {
        let body = self.body
        return WebhookDelivery(
            body: body,
            headers: [
                "Content-Type": "application/json",
                "Signature": WebhookSignature.greenhouse(body: body, secret: secret),
                "Greenhouse-Event-ID": eventID,
            ])
    }
}

/// A HiPeople webhook (assumed, docs/assumed-apis.md): `X-HiPeople-Signature: sha256=<hex>`.
public struct HiPeopleEvent: Sendable, Equatable {
    public var event: String
    public var data: JSONValue

    public init(event: String, data: JSONValue) {
        self.event = event
        self.data = data
    }

    public var json: JSONValue { .object([("event", .string(event)), ("data", data)]) }

    public var body: [UInt8] { json.jsonBytes() }

    public func delivery(secret: String) -> WebhookDelivery {
        let body = self.body
        return WebhookDelivery(
            body: body,
            headers: [
                "Content-Type": "application/json",
                "X-HiPeople-Signature": WebhookSignature.hipeople(body: body, secret: secret),
            ])
    }
}
