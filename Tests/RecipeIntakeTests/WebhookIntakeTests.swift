import Foundation
import RecipeData
import RecipeHTTPCore
import RecipeIntake
import Testing

/// Every outcome of the intake's fixed order of checks, each rendered through the one error
/// renderer.
struct WebhookIntakeTests {
    enum Expected: Sendable, Equatable {
        case accepted(recipes: [String], eventID: String?)
        case ping
        case refused(status: Int, code: String)
    }

    struct Case: Sendable, CustomTestStringConvertible {
        let name: String
        let request: HTTPRequest
        var bodyLimit = WebhookIntake.defaultBodyLimit
        let expected: Expected
        var testDescription: String { name }
    }

    static let f = IntakeFixture.self
    static let limit = f.created.utf8.count

    static let cases: [Case] = [
        Case(
            name: "HiBob signed by the sandbox's signer", request: f.request(f.created),
            expected: .accepted(recipes: ["hibob-docebo/capture-user-create"], eventID: nil)),
        Case(
            name: "HiBob event no recipe listens for", request: f.request(#"{"type":"table.entry.created"}"#),
            expected: .accepted(recipes: [], eventID: nil)),
        Case(
            name: "Greenhouse with an event id", request: f.request(f.hired, connection: "greenhouse", extra: ["Greenhouse-Event-ID": "ev-1"]),
            expected: .accepted(recipes: [], eventID: "ev-1")),
        Case(
            name: "Greenhouse without an event id", request: f.request(f.hired, connection: "greenhouse"),
            expected: .accepted(recipes: [], eventID: nil)),
        Case(name: "bad signature", request: f.request(f.created, signature: .wrong), expected: .refused(status: 401, code: "invalid_signature")),
        Case(name: "unsigned", request: f.request(f.created, signature: .none), expected: .refused(status: 401, code: "missing_signature")),
        Case(name: "HiBob ping, unsigned", request: f.request("Ping test", signature: .none), expected: .ping),
        Case(name: "HiBob JSON ping, unsigned", request: f.request(#"{"text":"Ping test"}"#, signature: .none), expected: .ping),
        Case(name: "malformed JSON, signed", request: f.request("{\"type\": ", signature: .valid), expected: .refused(status: 400, code: "malformed_json")),
        Case(
            name: "body exactly at the limit", request: f.request(f.created), bodyLimit: limit,
            expected: .accepted(recipes: ["hibob-docebo/capture-user-create"], eventID: nil)),
        Case(
            name: "body one byte over the limit", request: f.request(f.created), bodyLimit: limit - 1,
            expected: .refused(status: 413, code: "body_too_large")),
        Case(
            name: "declared length over the limit, before anything else",
            request: f.request("x", folder: "nowhere", method: .get, signature: .none, extra: ["Content-Length": String(2 << 20)]),
            expected: .refused(status: 413, code: "body_too_large")),
        Case(name: "unknown folder", request: f.request(f.created, folder: "nowhere"), expected: .refused(status: 404, code: "unknown_folder")),
        Case(
            name: "unknown connection", request: f.request(f.created, connection: "docebo"),
            expected: .refused(status: 404, code: "unknown_connection")),
        Case(
            name: "unknown folder before wrong method", request: f.request(f.created, folder: "nowhere", method: .get),
            expected: .refused(status: 404, code: "unknown_folder")),
        Case(name: "wrong method", request: f.request(f.created, method: .put), expected: .refused(status: 405, code: "method_not_allowed")),
        Case(
            name: "wrong method before the ping", request: f.request("Ping test", method: .get, signature: .none),
            expected: .refused(status: 405, code: "method_not_allowed")),
        Case(
            name: "not a webhook path", request: HTTPRequest(method: .post, target: "/webhooks/hibob-docebo"),
            expected: .refused(status: 404, code: "not_found")),
    ]

    @Test(arguments: cases)
    func outcome(_ example: Case) throws {
        let intake = IntakeFixture.intake(bodyLimit: example.bodyLimit)
        let received = Date(timeIntervalSince1970: 1_800_000_000)
        do {
            let outcome = try intake.receive(example.request, at: received)
            switch (outcome, example.expected) {
            case (.ping(let folder, let connection), .ping):
                #expect(folder == IntakeFixture.folder && connection == "hibob")
                #expect(outcome.response.status == 200)
            case (.accepted(let delivery), .accepted(let recipes, let eventID)):
                #expect(delivery.recipes.map(\.description) == recipes)
                #expect(delivery.eventID == eventID)
                #expect(delivery.receivedAt == received)
                #expect(delivery.body == example.request.body)
                #expect(delivery.folder == IntakeFixture.folder)
                #expect(outcome.response.status == 200)
            default:
                Issue.record("\(outcome) is not \(example.expected)")
            }
        } catch {
            guard case .refused(let status, let code) = example.expected else {
                Issue.record("refused with \(error), expected \(example.expected)")
                return
            }
            let response = HTTPErrorRenderer.response(for: error)
            #expect(response.status == status)
            let body = try JSONParser.parseValue(response.body)
            #expect(body["error"]?["code"]?.stringValue == code)
            #expect(body["error"]?["message"]?.stringValue?.isEmpty == false)
            if status == 405 { #expect(response.headers["Allow"] == "POST") }
        }
    }

    @Test func aRedeliveryWithReorderedKeysHasTheSameDedupKey() throws {
        let intake = IntakeFixture.intake()
        let first = try #require(accepted(try intake.receive(IntakeFixture.request(IntakeFixture.created), at: Date())))
        let again = try #require(accepted(try intake.receive(IntakeFixture.request(IntakeFixture.createdReordered), at: Date())))
        let other = try #require(accepted(try intake.receive(IntakeFixture.request(#"{"type":"employee.updated"}"#), at: Date())))
        #expect(first.body != again.body)
        #expect(first.dedupKey == again.dedupKey)
        #expect(first.dedupKey.hasPrefix("body-sha256:"))
        #expect(first.dedupKey != other.dedupKey)
    }

    /// HiBob's `triggeredAt` leads the key (the shipped connector's `dedupOrder`): a redelivery
    /// has it too, so it still matches, and keys grow with the event time.
    @Test func aHiBobKeyStartsWithTheEventTimeAndARedeliveryMatches() throws {
        let intake = IntakeFixture.intake()
        let body = #"{"companyId":1,"type":"employee.created","triggeredAt":"2024-12-26T11:29:14.399997","data":{"employeeId":"7"}}"#
        let resent = #"{ "data": {"employeeId": "7"}, "triggeredAt": "2024-12-26T11:29:14.399997", "type": "employee.created", "companyId": 1 }"#
        let later = body.replacingOccurrences(of: "11:29:14.399997", with: "11:29:15.000001")
        let first = try #require(accepted(try intake.receive(IntakeFixture.request(body), at: Date())))
        let again = try #require(accepted(try intake.receive(IntakeFixture.request(resent), at: Date())))
        let next = try #require(accepted(try intake.receive(IntakeFixture.request(later), at: Date())))
        #expect(first.dedupKey.hasPrefix("at:2024-12-26T11:29:14.399997/body-sha256:"))
        #expect(first.dedupKey == again.dedupKey)
        #expect(first.dedupKey < next.dedupKey)
    }

    @Test(arguments: [
        ("ev-1", "ev-1", true), ("ev-1", "ev-2", false),
    ])
    func greenhouseDedupsByEventID(_ a: String, _ b: String, _ same: Bool) throws {
        let intake = IntakeFixture.intake()
        let first = try #require(accepted(try intake.receive(
            IntakeFixture.request(IntakeFixture.hired, connection: "greenhouse", extra: ["Greenhouse-Event-ID": a]), at: Date())))
        let second = try #require(accepted(try intake.receive(
            IntakeFixture.request(IntakeFixture.hired, connection: "greenhouse", extra: ["Greenhouse-Event-ID": b]), at: Date())))
        #expect(first.dedupKey == "event-id:\(a)")
        #expect((first.dedupKey == second.dedupKey) == same)
    }

    @Test func keptHeadersHoldNoSignatureValue() throws {
        let request = IntakeFixture.request(IntakeFixture.hired, connection: "greenhouse", extra: ["Greenhouse-Event-ID": "ev-9", "X-Other": "1"])
        let delivery = try #require(accepted(try IntakeFixture.intake().receive(request, at: Date())))
        #expect(delivery.headers["Signature"] == WebhookIntake.redactedSignature)
        #expect(delivery.headers["Greenhouse-Event-ID"] == "ev-9")
        #expect(delivery.headers["Content-Type"] == "application/json")
        #expect(!delivery.headers.contains("X-Other"))
        #expect(delivery.eventType == "candidate_hired")
    }

    private func accepted(_ outcome: IntakeOutcome) -> AcceptedDelivery? {
        if case .accepted(let delivery) = outcome { return delivery }
        return nil
    }
}

@Suite("WebhookIntake routes")
struct WebhookIntakeRouteTests {
    /// The intake's routes, worked out once, are the project's own answer for every folder,
    /// connection and event the shipped recipes name, and for an event no recipe lists.
    @Test func theRoutesAreTheProjectsWebhookRecipes() {
        let project = IntakeFixture.project
        let intake = IntakeFixture.intake()
        var checked = 0
        for recipe in project.sortedRecipes {
            guard case .webhook(let webhook) = recipe.trigger else { continue }
            for event in webhook.events + ["employee.nobody-listens"] {
                let expected = project.recipes(receiving: event, from: webhook.connection, in: recipe.id.folder).map(\.id)
                #expect(intake.recipes(receiving: event, from: webhook.connection, in: recipe.id.folder) == expected)
                checked += 1
            }
        }
        #expect(checked > 10)
        #expect(intake.recipes(receiving: "employee.updated", from: "hibob", in: "no-such-folder").isEmpty)
    }
}
