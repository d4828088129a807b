import Foundation
import RecipeConnectors
import RecipeData
import RecipeHTTPCore
import Testing

/// Every auth scheme: Basic, bearer, API-key headers, OAuth 2.0 password (form) and client
/// credentials (JSON, `expires_in` as a string), token caching, early refresh, one re-auth on 401.
struct AuthTests {
    static func basic(_ user: String, _ password: String) -> String {
        "Basic " + Data("\(user):\(password)".utf8).base64EncodedString()
    }

    struct StaticCase: Sendable, CustomTestStringConvertible {
        let connection: String
        let action: String
        let input: String
        let headers: [String: String]
        var testDescription: String { connection }
    }

    static let staticCases: [StaticCase] = [
        StaticCase(
            connection: "hibob", action: "get_employee", input: #"{"id": "1"}"#,
            headers: ["Authorization": basic("SERVICE-USER-1234", "hibob-token-5f2e9c")]),
        StaticCase(
            connection: "greenhouse", action: "get_job", input: #"{"id": 1}"#, headers: ["Authorization": basic("gh-key-0a1b2c3d", "")]),
        StaticCase(
            connection: "recruit", action: "update_opening", input: #"{"openingId": "o"}"#,
            headers: ["Authorization": "Bearer recruit-token-8e8e"]),
        StaticCase(
            connection: "reachdesk", action: "get_recipient", input: #"{"externalId": "1"}"#,
            headers: ["Authorization": "Bearer reachdesk-token-6b6b"]),
        StaticCase(
            connection: "hipeople", action: "get_reference_check", input: #"{"id": "1"}"#,
            headers: ["X-API-Key": "hp-key-1111", "X-API-Secret": "hp-secret-2222"]),
    ]

    @Test(arguments: staticCases)
    func staticSchemesSendTheirHeaders(_ c: StaticCase) async throws {
        let harness = try ConnectorHarness()
        _ = try await harness.perform(c.connection, c.action, .parse(c.input))
        let request = try #require(harness.vendor.requests.first)
        for (name, value) in c.headers { #expect(request.headers[name] == value) }
    }

    /// A token endpoint handing out `tok-1`, `tok-2`... and an API accepting only the latest.
    static func tokenVendor(expiresIn: JSONValue, rejectFirstAPICall: Bool = false) -> RecordingVendor {
        RecordingVendor { request, index in
            if request.path.hasSuffix("/oauth2/token") {
                return .json(["access_token": .string("tok-\(index + 1)"), "expires_in": expiresIn, "token_type": "Bearer"])
            }
            if rejectFirstAPICall && index == 1 { return .json(["message": "expired"], status: 401) }
            return .json(["data": ["user_id": 1]])
        }
    }

    @Test func doceboPasswordGrantIsFormEncodedAndCached() async throws {
        let vendor = Self.tokenVendor(expiresIn: 3600)
        let harness = try ConnectorHarness(vendor: vendor)
        _ = try await harness.perform("docebo", "get_user", ["user_id": 1])
        _ = try await harness.perform("docebo", "get_user", ["user_id": 2])
        let token = vendor.requests[0]
        #expect(token.method == .post && token.target == "/docebo/oauth2/token")
        #expect(token.headers["Content-Type"] == "application/x-www-form-urlencoded")
        #expect(
            token.bodyText
                == "grant_type=password&client_id=docebo-client&client_secret=docebo-secret-77aa&username=api.admin&password=docebo-pass-91bc&scope=api")
        #expect(vendor.requests.count == 3)
        #expect(vendor.apiRequests.map { $0.headers["Authorization"] } == ["Bearer tok-1", "Bearer tok-1"])
    }

    @Test func tokensAreReplacedSixtySecondsBeforeExpiry() async throws {
        let vendor = Self.tokenVendor(expiresIn: 3600)
        let harness = try ConnectorHarness(vendor: vendor)
        _ = try await harness.perform("docebo", "get_user", ["user_id": 1])
        harness.clock.advance(by: 3600 - 61)
        _ = try await harness.perform("docebo", "get_user", ["user_id": 1])
        harness.clock.advance(by: 2)
        _ = try await harness.perform("docebo", "get_user", ["user_id": 1])
        #expect(vendor.apiRequests.map { $0.headers["Authorization"] } == ["Bearer tok-1", "Bearer tok-1", "Bearer tok-4"])
    }

    @Test func oneReauthenticationAfter401() async throws {
        let vendor = Self.tokenVendor(expiresIn: 3600, rejectFirstAPICall: true)
        let harness = try ConnectorHarness(vendor: vendor)
        let output = try await harness.perform("docebo", "get_user", ["user_id": 1])
        #expect(output == ["user_id": 1])
        #expect(vendor.requests.map(\.path) == ["/docebo/oauth2/token", "/docebo/manage/v1/user/1", "/docebo/oauth2/token", "/docebo/manage/v1/user/1"])
        #expect(vendor.apiRequests.map { $0.headers["Authorization"] } == ["Bearer tok-1", "Bearer tok-3"])
        #expect(harness.attempts.compactMap(\.retryReason) == ["HTTP 401: re-authenticating once"])
    }

    @Test func aSecond401IsAnError() async throws {
        let vendor = RecordingVendor { request, index in
            request.path.hasSuffix("/oauth2/token") ? .json(["access_token": .string("tok-\(index)")]) : .json(["message": "no"], status: 401)
        }
        let harness = try ConnectorHarness(vendor: vendor)
        let error = try await harness.failure("docebo", "get_user", ["user_id": 1])
        #expect(error.kind == .http && error.status == 401 && !error.retryable)
        #expect(vendor.requests.count == 4)
    }

    @Test func basicAuth401IsNotRetried() async throws {
        let vendor = RecordingVendor { _, _ in .json(["error": "Unauthorized"], status: 401) }
        let harness = try ConnectorHarness(vendor: vendor)
        let error = try await harness.failure("hibob", "get_employee", ["id": "1"])
        #expect(error.status == 401 && !error.retryable)
        #expect(vendor.requests.count == 1)
    }

    @Test func learning360TokenIsJSONWithVersionHeaderAndStringExpiry() async throws {
        let vendor = Self.tokenVendor(expiresIn: "3600")
        let harness = try ConnectorHarness(vendor: vendor)
        _ = try await harness.perform("360learning", "update_user", ["user_id": "u1", "job": "x"])
        harness.clock.advance(by: 3000)
        _ = try await harness.perform("360learning", "update_user", ["user_id": "u1", "job": "y"])
        let token = vendor.requests[0]
        #expect(token.target == "/360learning/api/v2/oauth2/token")
        #expect(token.headers["Content-Type"] == "application/json")
        #expect(token.headers["360-api-version"] == "v2.0")
        #expect(token.jsonBody == ["grant_type": "client_credentials", "client_id": "l360-client", "client_secret": "l360-secret-3d4f"])
        #expect(vendor.apiRequests.allSatisfy { $0.headers["360-api-version"] == "v2.0" })
        #expect(vendor.apiRequests.map { $0.headers["Authorization"] } == ["Bearer tok-1", "Bearer tok-1"])
    }

    @Test func failedTokenRequestIsAnErrorWithoutSecrets() async throws {
        let vendor = RecordingVendor { _, _ in .json(["error": "invalid_client", "error_description": "bad docebo-secret-77aa"], status: 401) }
        let harness = try ConnectorHarness(vendor: vendor)
        let error = try await harness.failure("docebo", "get_user", ["user_id": 1])
        #expect(error.message.contains("token request failed with HTTP 401 (invalid_client"))
        #expect(!error.message.contains("docebo-secret-77aa"))
        #expect(vendor.apiRequests.isEmpty)
    }

    /// A token answer (status 200) the connector cannot use is an error that says why, never a
    /// guess; `nil`: the token is used.
    @Test(arguments: [
        ("<html>gateway</html>", "token response is not JSON: "),
        ("", "token response is not JSON: "),
        (#"{"expires_in": 3600}"#, "token response has no access_token"),
        (#"{"access_token": "token-91x", "expires_in": "soon"}"#, #"token response has an expires_in that is not a number of seconds: "soon""#),
        (#"{"access_token": "token-91x", "expires_in": -5}"#, "token response has an expires_in that is not a number of seconds: -5"),
        (#"{"access_token": "token-91x", "expires_in": {"s": 1}}"#, "token response has an expires_in that is not a number of seconds: "),
        (#"{"access_token": "token-91x", "expires_in": null}"#, nil),
        (#"{"access_token": "token-91x"}"#, nil),
        (#"{"access_token": "token-91x", "expires_in": "3600"}"#, nil),
    ] as [(String, String?)])
    func unusableTokenAnswersAreErrors(_ body: String, _ message: String?) async throws {
        let vendor = RecordingVendor { request, _ in
            request.path.hasSuffix("/oauth2/token") ? .text(body) : .json(["data": ["user_id": 1]])
        }
        let harness = try ConnectorHarness(vendor: vendor)
        if let message {
            let error = try await harness.failure("docebo", "get_user", ["user_id": 1])
            #expect(error.message.contains(message), "\(error.message)")
            #expect(!error.retryable)
            #expect(vendor.apiRequests.isEmpty)
        } else {
            _ = try await harness.perform("docebo", "get_user", ["user_id": 1])
            #expect(vendor.apiRequests.map { $0.headers["Authorization"] } == ["Bearer token-91x"])
        }
    }
}
