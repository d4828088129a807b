import Foundation
import RecipeConnectors
import RecipeData
import RecipeHTTPCore
import RecipeTestSupport
import Testing

/// Secret references: start-up errors name the connection and the variable, at its location;
/// no secret value ever appears in errors or attempt records.
struct SecretTests {
    static func build(_ connections: String, environment: [String: String], files: [String: String] = [:]) -> (ConnectorRuntime?, [String]) {
        let (definitions, _) = ConnectorDefinitionLoader.loadDirectory(ConnectorHarness.connectorsDirectory)
        let (parsed, problems) = Connections.load(SourceFile(path: "connections.json", text: connections))
        guard let parsed else { return (nil, problems.map(\.description)) }
        let (runtime, more) = ConnectorSetup.build(
            definitions: definitions, connections: parsed,
            secrets: SecretResolver(environment: environment, readFile: { files[$0] }), client: HandlerTransport(RecordingVendor()))
        return (runtime, (problems + more).map(\.description))
    }

    struct Case: Sendable, CustomTestStringConvertible {
        let name: String
        let connections: String
        let environment: [String: String]
        let problems: [String]
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(
            name: "unset variable",
            connections: #"{"connections": {"rec": {"connector": "recruit", "baseURL": "http://x/recruit", "credentials": {"token": {"env": "RECRUIT_TOKEN"}}}}}"#,
            environment: [:],
            problems: ["connections.json:1:106: error: connection 'rec': credential 'token' reads the environment variable 'RECRUIT_TOKEN', which is not set"]),
        Case(
            name: "empty variable",
            connections: #"{"connections": {"rec": {"connector": "recruit", "baseURL": "http://x/recruit", "credentials": {"token": {"env": "T"}}}}}"#,
            environment: ["T": ""],
            problems: ["connections.json:1:106: error: connection 'rec': credential 'token' reads the environment variable 'T', which is empty"]),
        Case(
            name: "missing credential",
            connections: #"{"connections": {"rec": {"connector": "recruit", "baseURL": "http://x/recruit"}}}"#, environment: [:],
            problems: ["connections.json:1:25: error: connection 'rec' is missing the credential 'token' that connector 'recruit' needs"]),
        Case(
            name: "inline secret",
            connections: #"{"connections": {"rec": {"connector": "recruit", "credentials": {"token": "abc"}}}}"#, environment: [:],
            problems: [
                #"connections.json:1:75: error: credential 'token' of connection 'rec' is written inline; secrets must be references such as {"env": "HIBOB_TOKEN"} or {"file": "/run/secrets/hibob-token"}"#
            ]),
        Case(
            name: "unknown connector",
            connections: #"{"connections": {"bob": {"connector": "hibbob", "credentials": {}}}}"#, environment: [:],
            problems: ["connections.json:1:25: error: connection 'bob' uses the connector 'hibbob', which has no definition; did you mean 'hibob'?"]),
        Case(
            name: "unreadable file",
            connections: #"{"connections": {"rec": {"connector": "recruit", "baseURL": "http://x/r", "credentials": {"token": {"file": "/run/secrets/none"}}}}}"#,
            environment: [:],
            problems: ["connections.json:1:100: error: connection 'rec': credential 'token' reads the file '/run/secrets/none', which cannot be read"]),
        Case(
            name: "unknown field",
            connections: #"{"connections": {"rec": {"conector": "recruit"}}}"#, environment: [:],
            problems: ["connections.json:1:26: error: unknown field 'conector' in connection 'rec'; did you mean 'connector'?"]),
    ]

    @Test(arguments: cases)
    func startUpErrors(_ c: Case) {
        let (runtime, problems) = Self.build(c.connections, environment: c.environment)
        #expect(runtime == nil)
        #expect(problems == c.problems)
    }

    @Test func fileSecretsLoseTheirTrailingNewlineAndOptionalOnesMayBeAbsent() async throws {
        let vendor = RecordingVendor()
        let (definitions, _) = ConnectorDefinitionLoader.loadDirectory(ConnectorHarness.connectorsDirectory)
        let text = #"""
            {"connections": {"hibob": {"baseURL": "http://127.0.0.1:1/hibob",
              "credentials": {"service_user_id": {"file": "/s/id"}, "token": {"file": "/s/token"}},
              "webhookSecrets": [{"env": "NEW"}, {"env": "OLD", "optional": true}]}}}
            """#
        let connections = try #require(Connections.load(SourceFile(path: "c.json", text: text)).0)
        let (runtime, problems) = ConnectorSetup.build(
            definitions: definitions, connections: connections,
            secrets: SecretResolver(environment: ["NEW": "n"], readFile: { ["/s/id": "user\n", "/s/token": "tok\r\n"][$0] }),
            client: HandlerTransport(vendor))
        #expect(problems.map(\.description) == [])
        _ = try await #require(runtime?.registry["hibob"]).perform(.init(connection: "hibob", action: "get_employee", input: ["id": "1"], jobID: "j", path: .init([])))
        #expect(vendor.requests.first?.headers["Authorization"] == AuthTests.basic("user", "tok"))
        #expect(runtime?.webhookVerifiers["hibob"] != nil)
    }

    @Test func noSecretInErrorsOrAttempts() async throws {
        // A hostile vendor echoes every credential back in its error body and headers.
        let vendor = RecordingVendor { request, _ in
            if request.path.hasSuffix("/oauth2/token") { return .json(["access_token": "issued-access-token-99", "expires_in": 3600]) }
            let echo = request.headers.map { "\($0.name): \($0.value)" }.joined(separator: "; ") + " " + request.bodyText
            return .json(["error": ["code": "bad", "message": .string(echo)], "access_token": "issued-access-token-99"], status: 400)
        }
        let harness = try ConnectorHarness(vendor: vendor)
        var texts: [String] = []
        for (connection, action, input) in [
            ("hibob", "get_employee", ["id": "1"] as JSONValue), ("docebo", "get_user", ["user_id": 1]),
            ("360learning", "update_user", ["user_id": "u"]), ("greenhouse", "get_job", ["id": 1]),
            ("recruit", "update_opening", ["openingId": "o"]), ("reachdesk", "get_recipient", ["externalId": "1"]),
            ("hipeople", "get_reference_check", ["id": "1"]),
        ] {
            let error = try await harness.failure(connection, action, input)
            texts.append(error.message)
            texts.append(error.details?.jsonString() ?? "")
        }
        texts += harness.attempts.map { $0.json.jsonString() }
        let all = texts.joined(separator: "\n")
        #expect(all.contains("[REDACTED]"))
        for secret in TestSecrets.values + ["issued-access-token-99", AuthTests.basic("SERVICE-USER-1234", "hibob-token-5f2e9c")] {
            #expect(!all.contains(secret), "leaked \(secret)")
        }
    }

    @Test func redactorScrubsTextJSONURLsAndHeaders() {
        let redactor = Redactor(secrets: ["s3cr3t/+"])
        #expect(redactor.redact("token s3cr3t/+ and s3cr3t%2F%2B") == "token [REDACTED] and [REDACTED]")
        #expect(redactor.redact(["access_token": "anything", "note": "s3cr3t/+", "n": 1]) == ["access_token": "[REDACTED]", "note": "[REDACTED]", "n": 1])
        #expect(redactor.redact(url: "http://h/p?api_key=abc&page=2") == "http://h/p?api_key=[REDACTED]&page=2")
        #expect(redactor.redact(headers: [("Authorization", "Basic x"), ("Accept", "json")]).map(\.value) == ["[REDACTED]", "json"])
    }
}

/// The redactor's byte search: every occurrence found wherever it stands, nothing matched that
/// is not the secret's exact bytes.
struct RedactorSearchTests {
    @Test(arguments: [
        ("s3cr3t", "s3cr3t", true),
        ("s3cr3t", "xx s3cr3t", true),
        ("s3cr3t", "s3cr3t xx", true),
        ("s3cr3t", "s3cr3s3cr3t", true),
        ("s3cr3t", "s3cr3", false),
        ("s3cr3t", "", false),
        ("s3cr3t", "S3CR3T", false),
        ("é-key", "cl\u{E9}-key", true),
        ("é-key", "un \u{E9}-key ici", true),
        // Canonically equal but other bytes (e + combining acute): a secret is its bytes.
        ("\u{E9}-key", "e\u{301}-key", false),
    ])
    func occurs(_ secret: String, _ text: String, _ expected: Bool) {
        #expect(Redactor.occurs(secret, in: text) == expected)
        #expect((Redactor(secrets: [secret]).redact(text) != text) == expected)
    }
}

struct RedactorJSONTests {
    /// Only what holds a secret changes; member order and everything else stay as they were.
    @Test func onlyTheSecretAndSensitiveMembersChange() throws {
        let redactor = Redactor(secrets: ["s3cr3t"])
        let value = try JSONParser.parseValue(
            #"{"z": 1, "user": {"name": "Ada", "note": "key s3cr3t here", "password": 1234}, "list": ["a", "s3cr3t"], "api_token": null}"#,
            path: "t")
        let redacted = redactor.redact(value)
        #expect(redacted.jsonString() == #"{"z":1,"user":{"name":"Ada","note":"key [REDACTED] here","password":"[REDACTED]"},"list":["a","[REDACTED]"],"api_token":null}"#)
        let clean = try JSONParser.parseValue(#"{"b": [1, {"c": "d"}], "a": "x"}"#, path: "t")
        #expect(redactor.redact(clean).jsonString() == clean.jsonString())
    }
}
