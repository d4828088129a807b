// HiBob webhook v2 events.
// Follows https://apidocs.hibob.com/reference/webhook-events-v2, https://apidocs.hibob.com/reference/employee-events-v2 and
// https://apidocs.hibob.com/reference/workforce-planning-events: envelope `companyId` (number),
// `type`, `triggeredBy` (backend id or "system"), `triggeredAt` (microseconds, no offset),
// `version` "v2", `data`; `employee.deleted` carries the e-mail; opening events carry no
// position id, position updates carry `fieldUpdatesIds`.
// ASSUMPTION: the element shape of `fieldUpdates` is not in our copies; the sandbox sends
// `[{"fieldId": "root.firstName"}]`.
import Foundation
import RecipeData

/// One HiBob webhook event, ready to be signed and delivered.
public struct HiBobEvent: Sendable, Equatable {
    public var companyID: Int
    public var type: String
    public var triggeredBy: String
    public var triggeredAt: String
    public var data: JSONValue

    public init(companyID: Int, type: String, triggeredBy: String = "system", triggeredAt: String, data: JSONValue) {
        self.companyID = companyID
        self.type = type
        self.triggeredBy = triggeredBy
        self.triggeredAt = triggeredAt
        self.data = data
    }

    /// The v2 envelope.
    public var json: JSONValue {
        .object([
            ("companyId", .int(companyID)), ("type", .string(type)), ("triggeredBy", .string(triggeredBy)),
            ("triggeredAt", .string(triggeredAt)), ("version", "v2"), ("data", data),
        ])
    }

    /// The exact bytes to send (and sign).
    public var body: [UInt8] { json.jsonBytes() }

    /// A delivery signed like Bob: `Bob-Signature: base64(HMAC-SHA512(secret, body))`.
    public func delivery(secret: String) -> WebhookDelivery {
        let body = self.body
        return WebhookDelivery(
            body: body,
            headers: [
                "Content-Type": "application/json",
                "Bob-Signature": WebhookSignature.hibob(body: body, secret: secret),
            ])
    }
}

extension HiBobEvent {
    static func employee(
        _ type: String, id: String, company: Int, at: String, extra: [(String, JSONValue?)] = []
    ) -> HiBobEvent {
        HiBobEvent(
            companyID: company, type: type, triggeredAt: at,
            data: .object([("employeeId", .string(id))] + extra))
    }
}
