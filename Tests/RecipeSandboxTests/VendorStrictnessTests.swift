import Foundation
import RecipeData
import RecipeHTTPCore
import Testing

@testable import RecipeSandbox

/// Each fake refuses what its vendor refuses (docs/vendors/): members outside an operation's
/// documented fields, and bodies where none belong, in the vendor's own error shape.
@Suite struct VendorStrictnessTests {
    struct Case: Sendable, CustomTestStringConvertible {
        let testDescription: String
        let method: HTTPMethod
        let target: String
        let body: JSONValue?
        let status: Int
        /// The error code (assumed APIs, 360Learning) or message (Greenhouse) of the answer.
        let code: String
    }

    static let recruit = ("Authorization", "Bearer sandbox-recruit-token")
    static let reachdesk = ("Authorization", "Bearer sandbox-reachdesk-token")
    static let hipeople = [("X-API-Key", "sandbox-hipeople-key"), ("X-API-Secret", "sandbox-hipeople-secret")]

    static let cases = [
        Case(
            testDescription: "Recruit position with an undocumented field", method: .post, target: "/recruit/v1/positions",
            body: ["externalId": "p1", "title": "T", "location": "Paris"], status: 400, code: "unknown_field"),
        Case(
            testDescription: "Recruit opening update with an undocumented field", method: .patch, target: "/recruit/v1/openings/opn_1",
            body: ["state": "open"], status: 400, code: "unknown_field"),
        Case(
            testDescription: "Reachdesk recipient with a misspelt field", method: .put, target: "/reachdesk/v1/recipients/1",
            body: ["email": "a@b.example", "firstName": "A", "lastName": "B", "country_code": "GB"], status: 400,
            code: "unknown_field"),
        Case(
            testDescription: "HiPeople candidate update with an undocumented field", method: .patch,
            target: "/hipeople/api/candidates/cand_1", body: ["stage": "hired"], status: 400, code: "unknown_field"),
        Case(
            testDescription: "HiPeople assessment with min_references", method: .post,
            target: "/hipeople/api/candidates/cand_1/assessments", body: ["idempotency_key": "k", "min_references": 2],
            status: 400, code: "unknown_field"),
    ]

    func headers(_ target: String) -> [(String, String)] {
        if target.hasPrefix("/recruit") { return [Self.recruit] }
        if target.hasPrefix("/reachdesk") { return [Self.reachdesk] }
        return Self.hipeople
    }

    @Test(arguments: cases)
    func assumedAPIsRefuseUndocumentedFields(_ c: Case) async {
        let harness = Harness()
        let response = await harness.send(c.method, c.target, headers: headers(c.target), json: c.body)
        #expect(response.status == c.status)
        #expect(response.json["error"]?["code"] == .string(c.code))
        #expect(harness.sandbox.recruitPositions.isEmpty && harness.sandbox.reachdeskRecipients.isEmpty)
    }

    @Test(arguments: [
        (["mail": "ada@acme.example", "password": "x"] as JSONValue, "POST"),
        (["mail": "ada@acme.example", "custom": ["a": 1]] as JSONValue, "POST"),
        (["job": "Analyst", "password": "x"] as JSONValue, "PATCH"),
        (["job": "Analyst", "custom": ["a": 1]] as JSONValue, "PATCH"),
    ])
    func learning360RefusesFieldsWithTheirOwnEndpoints(_ body: JSONValue, _ method: String) async throws {
        let harness = Harness()
        let headers = [("Authorization", "Bearer \(await harness.learningToken())"), ("360-api-version", "v2.0")]
        var target = "/360learning/api/v2/users"
        if method == "PATCH" {
            let created = await harness.send(.post, target, headers: headers, json: ["mail": "ada@acme.example"])
            target += "/" + (try #require(created.json["_id"]?.stringValue))
        }
        let response = await harness.send(method == "PATCH" ? .patch : .post, target, headers: headers, json: body)
        #expect(response.status == 400)
        #expect(response.json["error"]?["code"] == "invalidField")
        #expect(harness.sandbox.learning360Users.allSatisfy { $0.job == nil })
    }

    @Test func greenhouseRefusesABodyOnGet() async {
        let harness = Harness()
        let response = await harness.send(.get, "/greenhouse/v1/candidates", headers: [harness.greenhouseAuth], json: ["email": "a@b.c"])
        #expect(response.status == 403)
        #expect(response.json["message"]?.stringValue?.contains("body") == true)
        #expect(await harness.send(.get, "/greenhouse/v1/candidates", headers: [harness.greenhouseAuth]).status == 200)
    }
}
