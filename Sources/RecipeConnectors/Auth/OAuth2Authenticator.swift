// OAuth 2.0 access tokens for the connectors that need them, cached per connection and
// replaced shortly before they expire.
//
// Facts relied on: RFC 6749 §4.3 (password grant) and §4.4 (client credentials) token requests,
// §5.1 (`access_token`, `expires_in` in seconds); Docebo: `POST /oauth2/token`, form fields
// client_id, client_secret, grant_type, scope=api (+ username, password), tokens last 3600 s;
// 360Learning v2: `POST /api/v2/oauth2/token` with a JSON body, answering `expires_in` as a
// *string* ("3600"), and every call carries `360-api-version`.
//
// A token request only asks for a credential, so it is repeated like an idempotent request
// under the connection's retry policy (429/503 after `Retry-After`, other 5xx, timeouts and
// broken connections with backoff); 4xx such as `invalid_client` fail at once.
import Foundation
import RecipeData
import RecipeEngine
import RecipeHTTPCore

/// Fetches, caches and refreshes an OAuth 2.0 bearer token.
actor OAuth2Authenticator: Authenticator {
    /// The token request with credentials resolved.
    struct Configuration: Sendable {
        var tokenURL: String
        var grant: OAuth2Spec.Grant
        var encoding: OAuth2Spec.Encoding
        var clientID: String
        var clientSecret: String
        var username: String?
        var password: String?
        var scope: String?
        var headers: [(name: String, value: String)]
        var refreshBefore: Duration
        var timeout: Duration
    }

    private struct Token {
        var value: String
        var refreshAt: Date
    }

    let configuration: Configuration
    let client: any HTTPClient
    let clock: any EngineClock
    let redactor: Redactor
    /// Sends token requests under the connection's retry policy, with no credentials of its own.
    let sender: RequestSender
    private var token: Token?
    /// The token request in progress; its failure is typed, so no error is lost on the way.
    private var pending: Task<Result<Token, ConnectorError>, Never>?
    /// How many tokens were fetched (for tests and diagnostics).
    private(set) var fetchCount = 0

    init(_ configuration: Configuration, client: any HTTPClient, clock: any EngineClock, redactor: Redactor, policy: RetryPolicy) {
        self.configuration = configuration
        self.client = client
        self.clock = clock
        self.redactor = redactor
        sender = RequestSender(
            client: client, authenticator: StaticAuthenticator.none, bucket: nil, policy: policy, clock: clock, redactor: redactor)
    }

    func headers(log: AttemptLog) async throws(ConnectorError) -> [(name: String, value: String)] {
        [("Authorization", "Bearer \(try await currentToken(log: log))")]
    }

    func invalidate() async -> Bool {
        token = nil
        return true
    }

    /// The cached token, or a new one; concurrent callers share one token request.
    private func currentToken(log: AttemptLog) async throws(ConnectorError) -> String {
        if let token, clock.now() < token.refreshAt { return token.value }
        let task: Task<Result<Token, ConnectorError>, Never>
        if let pending {
            task = pending
        } else {
            task = Task { () async -> Result<Token, ConnectorError> in
                do throws(ConnectorError) {
                    return .success(try await self.fetch(log: log))
                } catch {
                    return .failure(error)
                }
            }
            pending = task
        }
        let result = await task.value
        pending = nil
        let fresh = try result.get()
        token = fresh
        return fresh.value
    }

    private func fetch(log: AttemptLog) async throws(ConnectorError) -> Token {
        fetchCount += 1
        let request = tokenRequest()
        let response: HTTPResponse
        switch try await sender.send(request, purpose: "token", safety: .safe, actionBucket: nil, log: log) {
        case .response(let answer): response = answer
        case .alreadyDone: preconditionFailure("token requests have no dedupe check")
        }
        guard (200..<300).contains(response.status) else {
            // An error answer's body only adds a reason to the message: one that is not JSON
            // (an HTML error page, say) leaves the HTTP status to speak for itself.
            let body = try? JSONParser.parseValue(response.body)
            let reason = [body?["error"]?.stringValue, body?["error_description"]?.stringValue].compactMap { $0 }.joined(separator: ": ")
            let retryable = response.status == 429 || response.status >= 500
            throw ConnectorError(
                response.status == 429 ? .rateLimited : .http,
                redactor.redact("token request failed with HTTP \(response.status)" + (reason.isEmpty ? "" : " (\(reason))")),
                status: response.status, retryable: retryable)
        }
        let body: JSONValue
        do {
            body = try JSONParser.parseValue(response.body)
        } catch {
            throw ConnectorError(
                .http, "token response is not JSON: \(error.message) at byte \(error.location.offset)", status: response.status,
                retryable: false)
        }
        guard let access = body["access_token"]?.stringValue, !access.isEmpty else {
            throw ConnectorError(.http, "token response has no access_token", status: response.status, retryable: false)
        }
        redactor.add(access)
        if let refresh = body["refresh_token"]?.stringValue { redactor.add(refresh) }
        let lifetime = try Self.lifetime(body["expires_in"], status: response.status)
        let early = configuration.refreshBefore.seconds < lifetime ? configuration.refreshBefore.seconds : lifetime / 2
        return Token(value: access, refreshAt: clock.now().addingTimeInterval(lifetime - early))
    }

    /// `expires_in` in seconds: 360Learning sends "3600" (a string), RFC 6749 §5.1 a number;
    /// both are accepted. Absent (or null) means 3600; anything else is an error rather than a
    /// silent guess.
    static func lifetime(_ value: JSONValue?, status: Int) throws(ConnectorError) -> Double {
        guard let value, !value.isNull else { return 3600 }
        guard let seconds = value.doubleValue ?? value.stringValue.flatMap(Double.init), seconds.isFinite, seconds >= 0 else {
            throw ConnectorError(
                .http, "token response has an expires_in that is not a number of seconds: \(value.jsonString())", status: status,
                retryable: false)
        }
        return seconds
    }

    private func tokenRequest() -> ClientRequest {
        var fields: [(String, String)] = [("grant_type", configuration.grant.rawValue)]
        fields.append(("client_id", configuration.clientID))
        fields.append(("client_secret", configuration.clientSecret))
        if configuration.grant == .password {
            fields.append(("username", configuration.username ?? ""))
            fields.append(("password", configuration.password ?? ""))
        }
        if let scope = configuration.scope { fields.append(("scope", scope)) }
        var headers: HTTPHeaders = ["Accept": "application/json"]
        let body: [UInt8]
        switch configuration.encoding {
        case .form:
            headers.set("Content-Type", "application/x-www-form-urlencoded")
            body = Array(FormEncoding.encode(fields).utf8)
        case .json:
            headers.set("Content-Type", "application/json")
            var object = JSONObject()
            for (name, value) in fields { object[name] = .string(value) }
            body = JSONValue.object(object).jsonBytes()
        }
        for field in configuration.headers { headers.set(field.name, field.value) }
        return ClientRequest(method: .post, url: configuration.tokenURL, headers: headers, body: body, timeout: configuration.timeout)
    }
}

/// `application/x-www-form-urlencoded` (WHATWG URL §5.2): space as `+`, other reserved bytes
/// percent-encoded.
enum FormEncoding {
    static func encode(_ fields: [(String, String)]) -> String {
        fields.map { "\(component($0.0))=\(component($0.1))" }.joined(separator: "&")
    }

    static func component(_ text: String) -> String {
        var out = ""
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "*"):
                out.unicodeScalars.append(Unicode.Scalar(byte))
            case UInt8(ascii: " "):
                out += "+"
            default:
                out += String(format: "%%%02X", byte)
            }
        }
        return out
    }
}
