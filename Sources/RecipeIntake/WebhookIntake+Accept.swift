import Foundation
import RecipeConnectors
import RecipeCrypto
import RecipeData
import RecipeHTTPCore
import RecipeModel

extension WebhookIntake {
    /// The value a verified, parsed delivery becomes.
    func accept(
        _ request: HTTPRequest, payload: JSONValue, deliveryID: String?, scheme: WebhookScheme,
        folder: String, connection: String, at receivedAt: Date
    ) -> AcceptedDelivery {
        let eventType = scheme.eventType(of: payload)
        let recipes = eventType.map { self.recipes(receiving: $0, from: connection, in: folder) } ?? []
        return AcceptedDelivery(
            folder: folder, connection: connection, receivedAt: receivedAt, body: request.body, payload: payload,
            headers: Self.keptHeaders(of: request.headers, scheme: scheme), eventType: eventType, eventID: deliveryID,
            dedupKey: Self.dedupKey(payload: payload, eventID: deliveryID, orderedBy: scheme.dedupOrder(of: payload)),
            recipes: recipes)
    }

    /// The value stored in place of a signature: it proves nothing once verified, and a stored
    /// HMAC is one more thing derived from the secret.
    public static let redactedSignature = "(verified)"

    /// The headers worth keeping with a delivery: content type, user agent, the vendor's
    /// delivery id, and the signature header's name with its value redacted.
    static func keptHeaders(of headers: HTTPHeaders, scheme: WebhookScheme) -> HTTPHeaders {
        var kept = HTTPHeaders()
        for name in ["Content-Type", "User-Agent"] + [scheme.deliveryIDHeader].compactMap(\.self) {
            if let value = headers[name] { kept.add(name, value) }
        }
        if headers.contains(scheme.header) { kept.add(scheme.header, redactedSignature) }
        return kept
    }

    /// `event-id:<id>` when the vendor sends a delivery id (Greenhouse's
    /// `Greenhouse-Event-ID`), otherwise `body-sha256:<hex>` over the canonical form of the
    /// parsed body, so a redelivery with other whitespace or key order has the same key. With
    /// `orderedBy` (the event's time, HiBob's `triggeredAt`, part of the body and so the same
    /// in a redelivery) the body key starts with it: `at:<time>/body-sha256:<hex>`. Keys then
    /// grow with time, so the store's dedup index is written at its end instead of at a random
    /// page per delivery (the intake benchmark's bytes per delivery).
    public static func dedupKey(payload: JSONValue, eventID: String?, orderedBy order: String? = nil) -> String {
        if let eventID, !eventID.isEmpty { return "event-id:" + eventID }
        let body = "body-sha256:" + Bytes.hex(HashAlgorithm.sha256.digest(payload.canonicalJSONBytes()))
        guard let order else { return body }
        return "at:" + order + "/" + body
    }
}
