import Foundation
import RecipeData
import RecipeHTTPCore
import Testing

@testable import RecipeSandbox

/// The Docebo fake is as strict as Docebo's user schemas (docs/vendors/docebo.md): create
/// requires `userid` and `password`, and members outside a schema are ignored, not applied.
@Suite struct DoceboSchemaTests {
    struct CreateCase: Sendable, CustomTestStringConvertible {
        let testDescription: String
        let body: JSONValue
        /// The field the 400 names, or nil for a 200.
        let rejected: String?
    }

    static let createCases = [
        CreateCase(testDescription: "userid and password", body: ["userid": "a.b", "password": "Pw-12345678"], rejected: nil),
        CreateCase(testDescription: "no password", body: ["userid": "a.b", "email": "a@b.example"], rejected: "password"),
        CreateCase(testDescription: "empty password", body: ["userid": "a.b", "password": ""], rejected: "password"),
        CreateCase(testDescription: "null password", body: ["userid": "a.b", "password": nil], rejected: "password"),
        CreateCase(testDescription: "no userid", body: ["password": "Pw-12345678", "email": "a@b.example"], rejected: "userid"),
    ]

    @Test(arguments: createCases)
    func createRequiresUseridAndPassword(_ c: CreateCase) async {
        let harness = Harness()
        let auth = ("Authorization", "Bearer \(await harness.doceboToken())")
        let before = harness.sandbox.doceboUsers.count
        let response = await harness.send(.post, "/docebo/manage/v1/user", headers: [auth], json: c.body)
        if let field = c.rejected {
            #expect(response.status == 400)
            #expect(response.json["data"]?["success"] == false)
            #expect(response.json["data"]?["message"]?.arrayValue?.first?["id"] == .string(field))
            #expect(harness.sandbox.doceboUsers.count == before)
        } else {
            #expect(response.status == 200)
            #expect(harness.sandbox.doceboUsers.count == before + 1)
        }
    }

    @Test func updateIgnoresValid_LikeDocebo_AndAppliesSchemaFields() async throws {
        let harness = Harness()
        let auth = ("Authorization", "Bearer \(await harness.doceboToken())")
        let created = await harness.send(
            .post, "/docebo/manage/v1/user", headers: [auth],
            json: ["userid": "f.seven", "password": "Pw-12345678", "email": "first7.last7@acme.example", "valid": 1])
        let id = try #require(created.json["data"]?["user_id"]?.intValue)
        let updated = await harness.send(
            .put, "/docebo/manage/v1/user/\(id)", headers: [auth],
            json: ["valid": 0, "status": 0, "lastname": "Seven", "force_change": 1])
        #expect(updated.status == 200)
        #expect(updated.json["data"]?["success"] == true)
        let user = try #require(harness.sandbox.doceboUsers.first { $0.id == id })
        #expect(user.status == 1, "valid is not part of ManageUserUpdateSchema: Docebo answers 200 and does not apply it")
        #expect(user.lastName == "Seven")
        #expect(user.mustChangePassword)
        let deactivated = await harness.send(
            .put, "/docebo/manage/v1/user/change_status", headers: [auth], json: ["user_ids": [.int(id)], "status": 0])
        #expect(deactivated.status == 200)
        #expect(harness.sandbox.doceboUsers.first { $0.id == id }?.status == 0)
    }

    @Test func createIgnoresMembersOutsideTheSchema() async throws {
        let harness = Harness()
        let auth = ("Authorization", "Bearer \(await harness.doceboToken())")
        let created = await harness.send(
            .post, "/docebo/manage/v1/user", headers: [auth],
            json: ["userid": "x.y", "password": "Pw-12345678", "status": 0, "first_name": "Wrong", "firstname": "Right"])
        let id = try #require(created.json["data"]?["user_id"]?.intValue)
        let user = try #require(harness.sandbox.doceboUsers.first { $0.id == id })
        #expect(user.status == 1)
        #expect(user.firstName == "Right")
    }
}
