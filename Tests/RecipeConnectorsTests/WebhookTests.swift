import Foundation
import RecipeConnectors
import RecipeCrypto
import RecipeData
import RecipeHTTPCore
import RecipeTestSupport
import Testing

/// Webhook verification per vendor, with HMACs computed independently in the test.
struct WebhookTests {
    static let body = Array(#"{"companyId":637323,"type":"employee.created","data":{"employeeId":"3332883894235038486"}}"#.utf8)

    static func hmac(_ algorithm: HashAlgorithm, _ secret: String, _ body: [UInt8]) -> [UInt8] {
        algorithm.authenticationCode(for: body, key: Array(secret.utf8))
    }
    static func hibob(_ secret: String, _ body: [UInt8] = body) -> String { Data(hmac(.sha512, secret, body)).base64EncodedString() }
    static func greenhouse(_ secret: String, _ body: [UInt8] = body) -> String { "sha256 " + Bytes.hex(hmac(.sha256, secret, body)) }

    static let hibobScheme = WebhookScheme(
        header: "Bob-Signature", algorithm: .sha512, encoding: .base64, ping: .hibob, eventTypeField: "type",
        orderingKeyField: "data.employeeId", dedupOrderField: "triggeredAt")
    static let greenhouseScheme = WebhookScheme(
        header: "Signature", algorithm: .sha256, encoding: .hex, prefix: "sha256 ", deliveryIDHeader: "Greenhouse-Event-ID", ping: .greenhouse,
        eventTypeField: "action", orderingKeyField: "payload.application.candidate.id")
    static let hipeopleScheme = WebhookScheme(
        header: "X-HiPeople-Signature", algorithm: .sha256, encoding: .hex, prefix: "sha256=", eventTypeField: "event",
        orderingKeyField: "data.ats_candidate_id")

    struct Case: Sendable, CustomTestStringConvertible {
        let name: String
        let scheme: WebhookScheme
        let headers: [String: String]
        var body: [UInt8] = WebhookTests.body
        let expected: WebhookVerification
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(name: "HiBob valid", scheme: hibobScheme, headers: ["Bob-Signature": hibob("new")], expected: .valid(deliveryID: nil)),
        Case(name: "HiBob previous secret (rotation)", scheme: hibobScheme, headers: ["bob-signature": hibob("old")], expected: .valid(deliveryID: nil)),
        Case(name: "HiBob unknown secret", scheme: hibobScheme, headers: ["Bob-Signature": hibob("other")], expected: .invalidSignature),
        Case(
            name: "HiBob tampered body", scheme: hibobScheme, headers: ["Bob-Signature": hibob("new")], body: Array(body.dropLast()),
            expected: .invalidSignature),
        Case(name: "HiBob missing", scheme: hibobScheme, headers: [:], expected: .missingSignature),
        Case(name: "HiBob not base64", scheme: hibobScheme, headers: ["Bob-Signature": "%%%"], expected: .invalidSignature),
        Case(name: "HiBob hex instead of base64", scheme: hibobScheme, headers: ["Bob-Signature": Bytes.hex(hmac(.sha512, "new", body))], expected: .invalidSignature),
        Case(name: "HiBob ping as text", scheme: hibobScheme, headers: [:], body: Array("Ping test".utf8), expected: .ping),
        Case(name: "HiBob ping as JSON", scheme: hibobScheme, headers: [:], body: Array(#"{"text":"Ping test"}"#.utf8), expected: .ping),
        // Pings are read up to `maxPingBytes`: padded to the limit still a ping, one byte over not.
        Case(
            name: "HiBob ping padded to the ping limit", scheme: hibobScheme, headers: [:],
            body: Array(("Ping test" + String(repeating: " ", count: WebhookVerifier.maxPingBytes - 9)).utf8), expected: .ping),
        Case(
            name: "HiBob ping one byte over the ping limit", scheme: hibobScheme, headers: [:],
            body: Array(("Ping test" + String(repeating: " ", count: WebhookVerifier.maxPingBytes - 8)).utf8), expected: .missingSignature),
        Case(
            name: "HiBob: a body that only contains the ping text is not a ping", scheme: hibobScheme, headers: [:],
            body: Array(#"{"text":"Ping test","type":"employee.deleted","data":{"email":"a@b.c"}}"#.utf8), expected: .missingSignature),
        Case(
            name: "Greenhouse valid with event id", scheme: greenhouseScheme,
            headers: ["Signature": greenhouse("new"), "Greenhouse-Event-ID": "evt-42"], expected: .valid(deliveryID: "evt-42")),
        Case(name: "Greenhouse rotated", scheme: greenhouseScheme, headers: ["Signature": greenhouse("old")], expected: .valid(deliveryID: nil)),
        Case(
            name: "Greenhouse uppercase hex", scheme: greenhouseScheme, headers: ["Signature": greenhouse("new").uppercased()],
            expected: .valid(deliveryID: nil)),
        Case(name: "Greenhouse wrong prefix", scheme: greenhouseScheme, headers: ["Signature": "sha1 " + Bytes.hex(hmac(.sha256, "new", body))], expected: .invalidSignature),
        Case(
            name: "Greenhouse tampered", scheme: greenhouseScheme, headers: ["Signature": greenhouse("new")], body: body + [0x20],
            expected: .invalidSignature),
        Case(name: "Greenhouse missing", scheme: greenhouseScheme, headers: ["Greenhouse-Event-ID": "e"], expected: .missingSignature),
        Case(name: "Greenhouse ping", scheme: greenhouseScheme, headers: [:], body: Array(#"{"action":"ping","payload":{}}"#.utf8), expected: .ping),
        Case(
            name: "generic sha256= valid", scheme: hipeopleScheme,
            headers: ["X-HiPeople-Signature": "sha256=" + Bytes.hex(hmac(.sha256, "new", body))], expected: .valid(deliveryID: nil)),
        Case(
            name: "generic: a ping body is not special", scheme: hipeopleScheme, headers: [:], body: Array("Ping test".utf8),
            expected: .missingSignature),
    ]

    @Test(arguments: cases)
    func verification(_ c: Case) {
        let verifier = WebhookVerifier(scheme: c.scheme, secrets: [Array("new".utf8), Array("old".utf8)])
        #expect(verifier.verify(headers: HTTPHeaders(c.headers.map { ($0.key, $0.value) }), body: c.body) == c.expected)
    }

    @Test func shippedDefinitionsDeclareTheVendorSchemes() throws {
        let harness = try ConnectorHarness()
        #expect(harness.runtime.webhookVerifiers["hibob"]?.scheme == Self.hibobScheme)
        #expect(harness.runtime.webhookVerifiers["greenhouse"]?.scheme == Self.greenhouseScheme)
        #expect(harness.runtime.webhookVerifiers["hipeople"]?.scheme == Self.hipeopleScheme)
        let hibob = try #require(harness.runtime.webhookVerifiers["hibob"])
        let signature = Self.hibob(TestSecrets.environment["HIBOB_WEBHOOK_SECRET_PREVIOUS"]!)
        #expect(hibob.verify(headers: ["Bob-Signature": signature], body: Self.body) == .valid(deliveryID: nil))
    }
}

/// What a delivery is about, read at the connector's `orderingKey` path: the key its jobs are
/// ordered by in `recipes serve`.
struct WebhookOrderingKeyTests {
    static let scheme = WebhookScheme(
        header: "Bob-Signature", algorithm: .sha512, encoding: .base64, eventTypeField: "type", orderingKeyField: "data.employeeId")

    @Test(arguments: [
        (#"{"data":{"employeeId":"3332883894235038486"}}"#, "3332883894235038486"),
        (#"{"data":{"employeeId":42}}"#, "42"),
        (#"{"data":{"employeeId":""}}"#, nil),
        (#"{"data":{"employeeId":1.5}}"#, nil),
        (#"{"data":{"employeeId":{"id":1}}}"#, nil),
        (#"{"data":{}}"#, nil),
        (#"{"data":"x"}"#, nil),
    ] as [(String, String?)])
    func theKeyIsAStringOrAnIntegerAtThePath(_ body: String, _ expected: String?) throws {
        #expect(Self.scheme.orderingKey(of: try JSONParser.parseValue(body, path: "body")) == expected)
    }

    @Test func noPathMeansNoKey() throws {
        let scheme = WebhookScheme(header: "S", algorithm: .sha256, encoding: .hex)
        #expect(scheme.orderingKey(of: try JSONParser.parseValue(#"{"data":{"employeeId":"1"}}"#, path: "body")) == nil)
    }

    @Test func theShippedConnectorsNameTheirKeys() throws {
        for (file, expected) in [("hibob", "data.employeeId"), ("greenhouse", "payload.application.candidate.id")] {
            let (definition, diagnostics) = ConnectorDefinitionLoader.load(
                path: PackagePaths.root.appendingPathComponent("connectors/\(file).json").path)
            #expect(diagnostics.isEmpty)
            #expect(definition?.webhook?.orderingKeyField == expected, "\(file)")
        }
    }
}

/// The event time that leads a HiBob delivery's dedup key (so keys grow with time).
struct WebhookDedupOrderTests {
    static let scheme = WebhookScheme(header: "Bob-Signature", algorithm: .sha512, encoding: .base64, dedupOrderField: "triggeredAt")

    @Test(arguments: [
        (#"{"triggeredAt":"2024-12-26T11:29:14.399997"}"#, "2024-12-26T11:29:14.399997"),
        (#"{"triggeredAt":""}"#, nil),
        (#"{"triggeredAt":12}"#, nil),
        (#"{"triggeredAt":"2024-12-26 11:29"}"#, nil),
        (#"{"triggeredAt":"a/b"}"#, nil),
        (#"{"other":"x"}"#, nil),
    ] as [(String, String?)])
    func theOrderIsAShortPrintableTime(_ body: String, _ expected: String?) throws {
        #expect(Self.scheme.dedupOrder(of: try JSONParser.parseValue(body, path: "b")) == expected)
    }

    @Test func theOrderIsBoundedOnBothSides() throws {
        let limit = WebhookScheme.maxDedupOrderLength
        let at = try JSONParser.parseValue(#"{"triggeredAt":"\#(String(repeating: "1", count: limit))"}"#, path: "b")
        let over = try JSONParser.parseValue(#"{"triggeredAt":"\#(String(repeating: "1", count: limit + 1))"}"#, path: "b")
        #expect(Self.scheme.dedupOrder(of: at)?.count == limit)
        #expect(Self.scheme.dedupOrder(of: over) == nil)
    }
}
