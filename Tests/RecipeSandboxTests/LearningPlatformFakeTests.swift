import Foundation
import RecipeData
import RecipeHTTPCore
import Testing

@testable import RecipeSandbox

@Suite struct DoceboFakeTests {
    struct TokenCase: Sendable, CustomTestStringConvertible {
        let testDescription: String
        let form: String
        let status: Int
    }

    static let tokenCases = [
        TokenCase(
            testDescription: "client credentials",
            form: "grant_type=client_credentials&client_id=sandbox-docebo-client&client_secret=sandbox-docebo-secret",
            status: 200),
        TokenCase(
            testDescription: "password grant",
            form:
                "grant_type=password&client_id=sandbox-docebo-client&client_secret=sandbox-docebo-secret&username=sandbox-admin&password=sandbox-docebo-password",
            status: 200),
        TokenCase(
            testDescription: "wrong secret",
            form: "grant_type=client_credentials&client_id=sandbox-docebo-client&client_secret=x", status: 401),
        TokenCase(
            testDescription: "wrong password",
            form:
                "grant_type=password&client_id=sandbox-docebo-client&client_secret=sandbox-docebo-secret&username=sandbox-admin&password=x",
            status: 400),
        TokenCase(testDescription: "unknown grant", form: "grant_type=implicit", status: 400),
    ]

    @Test(arguments: tokenCases)
    func token(_ c: TokenCase) async {
        let harness = Harness()
        let response = await harness.send(.post, "/docebo/oauth2/token", form: c.form)
        #expect(response.status == c.status)
        if c.status == 200 {
            #expect(response.json["expires_in"] == 3600)
            #expect(response.json["token_type"] == "Bearer")
        }
    }

    @Test func expiredOrUnknownToken_Answers401() async {
        let harness = Harness()
        let token = await harness.doceboToken()
        let ok = await harness.send(.get, "/docebo/manage/v1/user", headers: [("Authorization", "Bearer \(token)")])
        #expect(ok.status == 200)
        harness.clock.advance(3600)
        let expired = await harness.send(.get, "/docebo/manage/v1/user", headers: [("Authorization", "Bearer \(token)")])
        #expect(expired.status == 401)
        #expect(expired.json["status"] == 401)
        let unknown = await harness.send(.get, "/docebo/manage/v1/user", headers: [("Authorization", "Bearer nope")])
        #expect(unknown.status == 401)
    }

    @Test func userLifecycle_AndSearchIgnoresEmail() async throws {
        let harness = Harness()
        let auth = ("Authorization", "Bearer \(await harness.doceboToken())")
        let created = await harness.send(
            .post, "/docebo/manage/v1/user", headers: [auth],
            json: [
                "userid": "jdoe", "password": "Secret-123456", "email": "zed.unique@acme.example", "firstname": "Jane",
                "lastname": "Doe",
            ])
        #expect(created.json["data"]?["success"] == true)
        let id = try #require(created.json["data"]?["user_id"]?.intValue)
        let duplicate = await harness.send(
            .post, "/docebo/manage/v1/user", headers: [auth], json: ["userid": "jdoe", "password": "Secret-123456"])
        #expect(duplicate.status == 400)
        #expect(duplicate.json["data"]?["message"]?.arrayValue?.isEmpty == false)
        let missing = await harness.send(.post, "/docebo/manage/v1/user", headers: [auth], json: ["email": "a@b.c"])
        #expect(missing.status == 400)

        let byEmail = await harness.send(.get, "/docebo/manage/v1/user?search_text=zed.unique", headers: [auth])
        #expect(byEmail.json["data"]?["items"]?.arrayValue?.count == 0)
        let byName = await harness.send(.get, "/docebo/manage/v1/user?search_text=jane&page_size=10", headers: [auth])
        #expect(byName.json["data"]?["items"]?.arrayValue?.count == 1)
        #expect(byName.json["data"]?["has_more_data"] == false)
        #expect(byName.json["data"]?["current_page"] == 1)

        let deactivated = await harness.send(
            .put, "/docebo/manage/v1/user/change_status", headers: [auth], json: ["user_ids": [.string(String(id))], "status": 0])
        #expect(deactivated.json["data"]?["updated_ids"] == [.string(String(id))])
        let fetched = await harness.send(.get, "/docebo/manage/v1/user/\(id)", headers: [auth])
        #expect(fetched.json["data"]?["user_data"]?["status"] == "0")
        let updated = await harness.send(.put, "/docebo/manage/v1/user/\(id)", headers: [auth], json: ["lastname": "Roe"])
        #expect(updated.json["data"]?["updated_id"] == .int(id))
        let deleted = await harness.send(.delete, "/docebo/manage/v1/user/delete", headers: [auth], json: ["user_ids": [.int(id)]])
        #expect(deleted.json["data"]?["deleted_user_ids"] == [.int(id)])
        let gone = await harness.send(.get, "/docebo/manage/v1/user/\(id)", headers: [auth])
        #expect(gone.status == 404)
    }

    @Test func hourlyLimit_Answers429_ThenRecovers() async {
        let harness = Harness {
            $0.docebo.callsPerHour = 5
            $0.docebo.tokenTTL = 7200
        }
        let auth = ("Authorization", "Bearer \(await harness.doceboToken())")  // the token call counts too
        for _ in 0..<4 { #expect(await harness.send(.get, "/docebo/manage/v1/user", headers: [auth]).status == 200) }
        let limited = await harness.send(.get, "/docebo/manage/v1/user", headers: [auth])
        #expect(limited.status == 429 && limited.headers["Retry-After"] == "3600")
        harness.clock.advance(3599)
        #expect(await harness.send(.get, "/docebo/manage/v1/user", headers: [auth]).status == 429)
        harness.clock.advance(1)
        #expect(await harness.send(.get, "/docebo/manage/v1/user", headers: [auth]).status == 200)
    }
}

@Suite struct Learning360FakeTests {
    @Test func token_ExpiresInIsAString() async {
        let harness = Harness()
        let response = await harness.send(
            .post, "/360learning/api/v2/oauth2/token",
            json: ["grant_type": "client_credentials", "client_id": "sandbox-360-client", "client_secret": "sandbox-360-secret"])
        #expect(response.json["expires_in"] == "3600")
        let bad = await harness.send(
            .post, "/360learning/api/v2/oauth2/token",
            json: ["grant_type": "client_credentials", "client_id": "sandbox-360-client", "client_secret": "x"])
        #expect(bad.status == 401 && bad.json["error"] == "invalid_client")
    }

    @Test func versionHeader_IsRequired_AndTokensExpire() async {
        let harness = Harness()
        let auth = ("Authorization", "Bearer \(await harness.learningToken())")
        #expect(await harness.send(.get, "/360learning/api/v2/users", headers: [auth]).status == 400)
        #expect(await harness.send(.get, "/360learning/api/v2/users", headers: [auth, ("360-api-version", "v2.0")]).status == 200)
        harness.clock.advance(3600)
        #expect(await harness.send(.get, "/360learning/api/v2/users", headers: [auth, ("360-api-version", "v2.0")]).status == 401)
    }

    @Test func users_CreateFindPatchDelete_AndRestore() async throws {
        let harness = Harness()
        let headers = [("Authorization", "Bearer \(await harness.learningToken())"), ("360-api-version", "v2.0")]
        let created = await harness.send(
            .post, "/360learning/api/v2/users", headers: headers, json: ["mail": "ada@acme.example", "firstName": "Ada"])
        #expect(created.status == 201)
        let id = try #require(created.json["_id"]?.stringValue)
        #expect(await harness.send(.post, "/360learning/api/v2/users", headers: headers, json: ["mail": "ada@acme.example"]).status == 400)
        let found = await harness.send(.get, "/360learning/api/v2/users?mail%5Beq%5D=ADA@acme.example", headers: headers)
        #expect(found.json.arrayValue?.map { $0["_id"] } == [.string(id)])
        let patched = await harness.send(.patch, "/360learning/api/v2/users/\(id)", headers: headers, json: ["lastName": "Lovelace"])
        #expect(patched.json["lastName"] == "Lovelace")
        #expect(await harness.send(.delete, "/360learning/api/v2/users/\(id)", headers: headers).status == 204)
        let again = await harness.send(.delete, "/360learning/api/v2/users/\(id)", headers: headers)
        #expect(again.status == 404 && again.json["error"]?["code"] == "userNotFound")
        let restored = await harness.send(.post, "/360learning/api/v2/users", headers: headers, json: ["mail": "ada@acme.example"])
        #expect(restored.status == 201 && restored.json["_id"] == .string(id) && restored.json["deleted"] == false)
    }

    @Test func writes_10PerSecond_Reads_50PerSecond() async {
        let harness = Harness()
        let headers = [("Authorization", "Bearer \(await harness.learningToken())"), ("360-api-version", "v2.0")]
        for n in 0..<10 {
            let ok = await harness.send(.post, "/360learning/api/v2/users", headers: headers, json: ["mail": .string("u\(n)@acme.example")])
            #expect(ok.status == 201)
        }
        #expect(await harness.send(.post, "/360learning/api/v2/users", headers: headers, json: ["mail": "x@acme.example"]).status == 429)
        for _ in 0..<50 { #expect(await harness.send(.get, "/360learning/api/v2/users", headers: headers).status == 200) }
        #expect(await harness.send(.get, "/360learning/api/v2/users", headers: headers).status == 429)
        harness.clock.advance(1)
        #expect(await harness.send(.get, "/360learning/api/v2/users", headers: headers).status == 200)
    }
}
