import Foundation
import RecipeData
import RecipeHTTPCore
import Testing

@testable import RecipeSandbox

/// The Recruit fake refuses what docs/assumed-apis.md does not allow instead of storing it:
/// members of the wrong type, impossible dates, emptied required members, unknown members.
@Suite struct RecruitStrictnessTests {
    static let auth = ("Authorization", "Bearer sandbox-recruit-token")

    /// A harness with one position (`pos_1`) and one opening under it.
    static func seeded() async throws -> (Harness, openingID: String) {
        let harness = Harness()
        let position = await harness.send(
            .post, "/recruit/v1/positions", headers: [auth], json: ["externalId": "480000001", "title": "Engineer"])
        try #require(position.status == 201)
        let opening = await harness.send(
            .post, "/recruit/v1/positions/pos_1/openings", headers: [auth],
            json: ["externalId": "490000002", "name": "Engineer #1", "status": "open", "expectedStartDate": "2031-02-03"])
        try #require(opening.status == 201)
        return (harness, try #require(opening.json["id"]?.stringValue))
    }

    struct Refusal: Sendable, CustomTestStringConvertible {
        let testDescription: String
        let method: HTTPMethod
        let path: String
        let body: JSONValue
        let code: String
    }

    static let refusals = [
        Refusal(
            testDescription: "position title as a number", method: .post, path: "/recruit/v1/positions",
            body: ["externalId": "480000009", "title": 7], code: "validation_failed"),
        Refusal(
            testDescription: "position externalId null", method: .post, path: "/recruit/v1/positions",
            body: ["externalId": nil, "title": "Engineer"], code: "validation_failed"),
        Refusal(
            testDescription: "position with an unknown member", method: .post, path: "/recruit/v1/positions",
            body: ["externalId": "480000009", "title": "Engineer", "budget": "100"], code: "unknown_field"),
        Refusal(
            testDescription: "opening dated 30 February", method: .post, path: "/recruit/v1/positions/pos_1/openings",
            body: ["externalId": "490000009", "name": "x", "status": "open", "expectedStartDate": "2031-02-30"],
            code: "validation_failed"),
        Refusal(
            testDescription: "opening date with a time", method: .post, path: "/recruit/v1/positions/pos_1/openings",
            body: ["externalId": "490000009", "name": "x", "status": "open", "expectedStartDate": "2031-02-03T00:00:00Z"],
            code: "validation_failed"),
        Refusal(
            testDescription: "update status null", method: .patch, path: "/recruit/v1/openings/opn_2",
            body: ["status": nil], code: "validation_failed"),
        Refusal(
            testDescription: "update name emptied", method: .patch, path: "/recruit/v1/openings/opn_2",
            body: ["name": ""], code: "validation_failed"),
        Refusal(
            testDescription: "update status unknown", method: .patch, path: "/recruit/v1/openings/opn_2",
            body: ["status": "closed"], code: "validation_failed"),
        Refusal(
            testDescription: "update positionId", method: .patch, path: "/recruit/v1/openings/opn_2",
            body: ["positionId": "pos_9"], code: "unknown_field"),
    ]

    @Test(arguments: refusals)
    func refusedAndNothingChanges(_ refusal: Refusal) async throws {
        let (harness, _) = try await Self.seeded()
        let before = harness.sandbox.state(of: .recruit)["positions"]
        let openingsBefore = harness.sandbox.recruitOpenings
        let response = await harness.send(refusal.method, refusal.path, headers: [Self.auth], json: refusal.body)
        #expect(response.status == 400)
        #expect(response.json["error"]?["code"] == .string(refusal.code))
        #expect(harness.sandbox.state(of: .recruit)["positions"] == before)
        #expect(harness.sandbox.recruitOpenings == openingsBefore)
    }

    @Test func anUpdateMayClearTheStartDateAndKeepsWhatItDoesNotName() async throws {
        let (harness, openingID) = try await Self.seeded()
        let cleared = await harness.send(
            .patch, "/recruit/v1/openings/\(openingID)", headers: [Self.auth], json: ["expectedStartDate": nil])
        #expect(cleared.status == 200)
        #expect(cleared.json["expectedStartDate"] == .null)
        #expect(cleared.json["name"] == "Engineer #1" && cleared.json["status"] == "open")
    }
}
