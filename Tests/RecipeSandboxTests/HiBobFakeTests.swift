import Foundation
import RecipeData
import RecipeHTTPCore
import Testing

@testable import RecipeSandbox

@Suite struct HiBobFakeTests {
    struct AuthCase: Sendable, CustomTestStringConvertible {
        let testDescription: String
        let headers: [(String, String)]
    }

    static let authCases = [
        AuthCase(testDescription: "no header", headers: []),
        AuthCase(testDescription: "wrong token", headers: [Harness.basic("sandbox-service-user", "nope")]),
        AuthCase(testDescription: "bearer instead of basic", headers: [("Authorization", "Bearer sandbox-hibob-token")]),
    ]

    @Test(arguments: authCases)
    func badCredentials_Answer401(_ c: AuthCase) async {
        let harness = Harness()
        let response = await harness.send(.post, "/hibob/v1/people/search", headers: c.headers, json: [:])
        #expect(response.status == 401)
        #expect(response.json["key"] != nil && response.json["error"] != nil)
    }

    @Test func readByIDAndByEmail_ReturnSameNestedEmployee() async throws {
        let harness = Harness()
        let employee = try #require(harness.sandbox.hibobEmployees.first)
        let fields: JSONValue = ["fields": ["root.id", "root.email", "work.department", "internal.status"]]
        let byID = await harness.send(.post, "/hibob/v1/people/\(employee.id)", headers: [harness.hibobAuth], json: fields)
        let byEmail = await harness.send(
            .post, "/hibob/v1/people/\(employee.email.uppercased())", headers: [harness.hibobAuth], json: fields)
        #expect(byID.status == 200 && byEmail.status == 200)
        #expect(byID.json == byEmail.json)
        #expect(byID.json["id"] == .string(employee.id))
        #expect(byID.json["work"]?["department"] == .string(employee.department))
        #expect(byID.json["internal"]?["status"] == .string(employee.status.rawValue))
        #expect(byID.json["/root/id"]?["value"] == .string(employee.id))
        #expect(byID.json["firstName"] == nil, "only requested fields")
    }

    @Test func ids_Are19DigitStrings() async {
        let harness = Harness(size: 500)
        let response = await harness.send(.post, "/hibob/v1/people/search", headers: [harness.hibobAuth], json: ["showInactive": true])
        let employees = response.json["employees"]?.arrayValue ?? []
        #expect(employees.count == 500)
        for employee in employees {
            guard case .string(let id) = employee["id"] else {
                Issue.record("id is not a string")
                return
            }
            #expect(id.count == 19 && id.allSatisfy(\.isNumber))
        }
        #expect(response.bodyText.contains("\"id\":\"3"))
    }

    @Test func unknownEmployee_Answers404() async {
        let harness = Harness()
        let response = await harness.send(.post, "/hibob/v1/people/nobody@acme.example", headers: [harness.hibobAuth])
        #expect(response.status == 404)
    }

    @Test func search_HidesInactiveUnlessAsked_AndFiltersByEmail() async throws {
        let harness = Harness(size: 1_000)
        let all = harness.sandbox.hibobEmployees
        let active = await harness.send(.post, "/hibob/v1/people/search", headers: [harness.hibobAuth], json: [:])
        #expect(active.json["employees"]?.arrayValue?.count == all.filter { $0.status == .active }.count)
        let inactive = try #require(all.first { $0.status == .inactive })
        let filter: JSONValue = [
            "showInactive": true,
            "filters": [["fieldPath": "root.email", "operator": "equals", "values": [.string(inactive.email)]]],
        ]
        let found = await harness.send(.post, "/hibob/v1/people/search", headers: [harness.hibobAuth], json: filter)
        #expect(found.json["employees"]?.arrayValue?.map { $0["id"] } == [.string(inactive.id)])
    }

    struct BadSearch: Sendable, CustomTestStringConvertible {
        let testDescription: String
        let body: JSONValue
    }

    static let badSearches = [
        BadSearch(testDescription: "empty filters", body: ["filters": []]),
        BadSearch(
            testDescription: "filter on work.department",
            body: ["filters": [["fieldPath": "work.department", "operator": "equals", "values": ["Sales"]]]]),
        BadSearch(
            testDescription: "operator contains",
            body: ["filters": [["fieldPath": "root.email", "operator": "contains", "values": ["a"]]]]),
        BadSearch(testDescription: "401 fields", body: ["fields": .array(Array(repeating: "root.id", count: 401))]),
    ]

    @Test(arguments: badSearches)
    func invalidSearch_Answers400(_ c: BadSearch) async {
        let harness = Harness()
        let response = await harness.send(.post, "/hibob/v1/people/search", headers: [harness.hibobAuth], json: c.body)
        #expect(response.status == 400)
    }

    @Test func search_50PerMinute_51st429_ThenOKAfterWindow() async {
        let harness = Harness()
        for _ in 0..<50 {
            let ok = await harness.send(.post, "/hibob/v1/people/search", headers: [harness.hibobAuth], json: [:])
            #expect(ok.status == 200)
        }
        let limited = await harness.send(.post, "/hibob/v1/people/search", headers: [harness.hibobAuth], json: [:])
        #expect(limited.status == 429)
        #expect(limited.headers["Retry-After"] == "60")
        harness.clock.advance(60)
        let again = await harness.send(.post, "/hibob/v1/people/search", headers: [harness.hibobAuth], json: [:])
        #expect(again.status == 200)
    }

    @Test func planningSearches_ReturnDocumentedShapes() async {
        let harness = Harness(size: 200)
        let positions = await harness.send(
            .post, "/hibob/v1/objects/position/search", headers: [harness.hibobAuth],
            json: [
                "fields": ["/position/id", "/position/approvalStatus"],
                "filters": [["fieldId": "/position/approvalStatus", "operator": "equals", "values": ["approved"]]],
            ])
        let entries = positions.json.arrayValue ?? []
        #expect(!entries.isEmpty)
        #expect(entries.allSatisfy { $0["/position/approvalStatus"]?["value"] == "approved" })
        let openings = await harness.send(
            .post, "/hibob/v1/positions/position-openings/search", headers: [harness.hibobAuth],
            json: ["pagination": ["limit": 2]])
        #expect(openings.json["positionOpeningEntries"]?.arrayValue?.count == 2)
        #expect(openings.json["response_metadata"]?["next_cursor"]?.stringValue != nil)
    }
}
