// Webhook signing, as pure functions over the raw body bytes.
// HiBob (https://apidocs.hibob.com/docs/working-with-webhooks): base64(HMAC-SHA512(key = utf8(secret), message = raw body)).
// Greenhouse (https://developers.greenhouse.io/webhooks.html): "sha256 " + hex(HMAC-SHA256(secret, raw body)).
// HiPeople (docs/assumed-apis.md): "sha256=" + hex(HMAC-SHA256(secret, raw body)).
import Foundation
import RecipeCrypto

/// Signature header values for each vendor's webhooks.
public enum WebhookSignature {
    /// HiBob's `Bob-Signature` value.
    public static func hibob(body: [UInt8], secret: String) -> String {
        let mac = HashAlgorithm.sha512.authenticationCode(for: body, key: Array(secret.utf8))
        return Data(mac).base64EncodedString()
    }

    /// Greenhouse's `Signature` value.
    public static func greenhouse(body: [UInt8], secret: String) -> String {
        "sha256 " + Bytes.hex(HashAlgorithm.sha256.authenticationCode(for: body, key: Array(secret.utf8)))
    }

    /// HiPeople's `X-HiPeople-Signature` value.
    public static func hipeople(body: [UInt8], secret: String) -> String {
        "sha256=" + Bytes.hex(HashAlgorithm.sha256.authenticationCode(for: body, key: Array(secret.utf8)))
    }
}

/// A signed webhook request body and its headers, independent of how it is sent.
public struct WebhookDelivery: Sendable {
    public var body: [UInt8]
    public var headers: [String: String]

    public init(body: [UInt8], headers: [String: String]) {
        self.body = body
        self.headers = headers
    }

    public var bodyText: String { String(decoding: body, as: UTF8.self) }
}
