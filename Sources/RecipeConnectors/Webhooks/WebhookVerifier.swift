// Verifies signed webhook deliveries before anything else reads them.
//
// Facts relied on:
// - HiBob: header `Bob-Signature` = Base64(HMAC-SHA512(secret token, raw request body));
//   on creation Bob posts the plain string "Ping test", then JSON {"text":"Ping test"} if that
//   failed, and expects 2xx; no delivery id exists (apidocs.hibob.com "Working with webhooks").
// - Greenhouse: `Signature: sha256 <hex HMAC-SHA256(secret, entire raw body)>`, a unique
//   `Greenhouse-Event-ID` per delivery, and a ping on save whose body is undocumented (we accept
//   `{"action": "ping", ...}`) (grnhse/greenhouse-api-docs webhooks/_introduction.md).
// - HiPeople (assumed, docs/assumed-apis.md): `X-HiPeople-Signature: sha256=<hex HMAC-SHA256>`.
import Foundation
import RecipeCrypto
import RecipeData
import RecipeHTTPCore

/// The verdict on one delivery.
public enum WebhookVerification: Sendable, Hashable {
    /// Signed with a current secret; `deliveryID` when the vendor sends one.
    case valid(deliveryID: String?)
    /// The vendor's test delivery: answer 200 and do not process it.
    case ping
    /// No signature header.
    case missingSignature
    /// A signature that matches none of the secrets (or cannot be decoded).
    case invalidSignature
}

/// Checks HMAC signatures of one connection's webhooks; accepts any of its secrets (two
/// during rotation), comparing in constant time.
public struct WebhookVerifier: Sendable {
    public let scheme: WebhookScheme
    private let secrets: [[UInt8]]

    public init(scheme: WebhookScheme, secrets: [[UInt8]]) {
        self.scheme = scheme
        self.secrets = secrets
    }

    public func verify(headers: HTTPHeaders, body: [UInt8]) -> WebhookVerification {
        if isPing(body) { return .ping }
        guard let header = headers[scheme.header]?.trimmingASCIIWhitespace(), !header.isEmpty else {
            return .missingSignature
        }
        guard let presented = decode(header) else { return .invalidSignature }
        let algorithm = HashAlgorithm(rawValue: scheme.algorithm.rawValue) ?? .sha256
        var matched = false
        // Every secret is checked, so timing does not reveal which one matched.
        for secret in secrets {
            let expected = algorithm.authenticationCode(for: body, key: secret)
            if Bytes.constantTimeEquals(expected, presented) { matched = true }
        }
        guard matched else { return .invalidSignature }
        return .valid(deliveryID: scheme.deliveryIDHeader.flatMap { headers[$0] })
    }

    /// The signature bytes after the prefix (compared case-insensitively: `sha256 `, `sha256=`).
    private func decode(_ header: Substring) -> [UInt8]? {
        var value = header
        if !scheme.prefix.isEmpty {
            guard value.hasASCIICaseInsensitivePrefix(scheme.prefix) else { return nil }
            value = value.dropFirst(scheme.prefix.count)
        }
        let text = String(value.trimmingASCIIWhitespace())
        switch scheme.encoding {
        case .hex: return Bytes.fromHex(text)
        case .base64: return Data(base64Encoded: text).map(Array.init)
        }
    }

    /// The largest body read as a possible ping: the vendors' pings are a few dozen bytes, and
    /// every real event (larger) then skips the ping's text and JSON checks.
    public static let maxPingBytes = 256

    private func isPing(_ body: [UInt8]) -> Bool {
        guard body.count <= Self.maxPingBytes else { return false }
        switch scheme.ping {
        case .none:
            return false
        case .hibob:
            let text = String(decoding: body, as: UTF8.self).trimmingASCIIWhitespace(newlines: true)
            if text == "Ping test" || text == "\"Ping test\"" { return true }
            // Exactly `{"text": "Ping test"}`: a signed-looking event with extra members is not a
            // ping, and must pass the signature check.
            guard case .object(let object)? = try? JSONParser.parseValue(body), object.count == 1 else { return false }
            return object["text"]?.stringValue == "Ping test"
        case .greenhouse:
            return (try? JSONParser.parseValue(body))?["action"]?.stringValue == "ping"
        }
    }
}
