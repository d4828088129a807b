// Authentication schemes that a definition cannot express alone are Swift, shared by every
// connector: static headers (HTTP Basic, bearer tokens, API-key headers) here, the OAuth 2.0
// token flow in `OAuth2Authenticator`.
//
// Facts relied on: HTTP Basic is `Authorization: Basic base64(user-id ":" password)` (RFC 7617
// §2); HiBob authenticates service users with Basic (service user id, token); Greenhouse Harvest
// v1/v2 with Basic (API key as user name, blank password).
import Foundation
import RecipeEngine

/// Adds credentials to outgoing requests.
protocol Authenticator: Sendable {
    /// The headers that authenticate the next request (may fetch a token, recorded in `log`).
    func headers(log: AttemptLog) async throws(ConnectorError) -> [(name: String, value: String)]
    /// Called after a 401: forgets cached credentials and returns true when asking again may
    /// help (a new token), false when the same credentials would be sent again.
    func invalidate() async -> Bool
}

/// Fixed headers computed once from the resolved credentials.
struct StaticAuthenticator: Authenticator {
    let fields: [(name: String, value: String)]

    static let none = StaticAuthenticator(fields: [])

    /// `Authorization: Basic …` (RFC 7617).
    static func basic(username: String, password: String) -> StaticAuthenticator {
        let encoded = Data("\(username):\(password)".utf8).base64EncodedString()
        return StaticAuthenticator(fields: [("Authorization", "Basic \(encoded)")])
    }

    func headers(log: AttemptLog) async throws(ConnectorError) -> [(name: String, value: String)] { fields }

    func invalidate() async -> Bool { false }
}
