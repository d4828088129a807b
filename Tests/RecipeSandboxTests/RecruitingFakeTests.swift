import Foundation
import RecipeData
import RecipeHTTPCore
import Testing

@testable import RecipeSandbox

@Suite struct GreenhouseFakeTests {
    @Test func badKey_Answers401() async {
        let harness = Harness()
        let response = await harness.send(.get, "/greenhouse/v1/candidates", headers: [Harness.basic("wrong", "")])
        #expect(response.status == 401 && response.json["message"] != nil)
    }

    @Test func candidates_FilterByEmail_AndPaginateWithLink() async throws {
        let harness = Harness(size: 500)
        let candidate = try #require(harness.sandbox.greenhouseCandidates.first)
        let found = await harness.send(
            .get, "/greenhouse/v1/candidates?email=\(candidate.email)", headers: [harness.greenhouseAuth, ("Host", "127.0.0.1:9000")])
        #expect(found.json.arrayValue?.map { $0["id"] } == [.int(candidate.id)])
        #expect(found.json.arrayValue?.first?["email_addresses"]?.arrayValue?.first?["value"] == .string(candidate.email))
        let page = await harness.send(
            .get, "/greenhouse/v1/candidates?per_page=20", headers: [harness.greenhouseAuth, ("Host", "127.0.0.1:9000")])
        #expect(page.json.arrayValue?.count == 20)
        let link = try #require(page.headers["Link"])
        #expect(link.contains("<http://127.0.0.1:9000/greenhouse/v1/candidates?page=2&per_page=20>; rel=\"next\""))
        #expect(link.contains("rel=\"last\""))
    }

    @Test func jobsStagesAndApplications_HaveDocumentedShapes() async throws {
        let harness = Harness()
        let job = try #require(harness.sandbox.greenhouseJobs.first)
        let stages = await harness.send(.get, "/greenhouse/v1/jobs/\(job.id)/stages", headers: [harness.greenhouseAuth])
        #expect(stages.json.arrayValue?.map { $0["name"] } == CompanyVocabulary.stageNames.map(JSONValue.string))
        let application = try #require(harness.sandbox.greenhouseApplications.first)
        let fetched = await harness.send(.get, "/greenhouse/v1/applications/\(application.id)", headers: [harness.greenhouseAuth])
        #expect(fetched.json["current_stage"]?["id"] == .int(application.stageID))
        #expect(await harness.send(.get, "/greenhouse/v1/jobs/1", headers: [harness.greenhouseAuth]).status == 404)
    }

    struct NoteCase: Sendable, CustomTestStringConvertible {
        let testDescription: String
        let onBehalfOf: String?
        let body: JSONValue
        let status: Int
    }

    static let noteCases = [
        NoteCase(
            testDescription: "valid", onBehalfOf: "4000",
            body: ["user_id": 4000, "body": "Reference check sent", "visibility": "admin_only"], status: 201),
        NoteCase(
            testDescription: "missing On-Behalf-Of", onBehalfOf: nil,
            body: ["user_id": 4000, "body": "x", "visibility": "public"], status: 403),
        NoteCase(
            testDescription: "bad visibility", onBehalfOf: "4000",
            body: ["user_id": 4000, "body": "x", "visibility": "everyone"], status: 422),
        NoteCase(
            testDescription: "blank body", onBehalfOf: "4000", body: ["user_id": 4000, "visibility": "public"],
            status: 422),
    ]

    @Test(arguments: noteCases)
    func activityFeedNote(_ c: NoteCase) async throws {
        let harness = Harness()
        let candidate = try #require(harness.sandbox.greenhouseCandidates.first)
        var headers = [harness.greenhouseAuth]
        if let user = c.onBehalfOf { headers.append(("On-Behalf-Of", user)) }
        let response = await harness.send(
            .post, "/greenhouse/v1/candidates/\(candidate.id)/activity_feed/notes", headers: headers, json: c.body)
        #expect(response.status == c.status)
        if c.status == 422 { #expect(response.json["errors"]?.arrayValue?.isEmpty == false) }
    }

    @Test func rateLimit_50Per10Seconds_WithHeaders() async {
        let harness = Harness()
        for n in 0..<50 {
            let ok = await harness.send(.get, "/greenhouse/v1/jobs", headers: [harness.greenhouseAuth])
            #expect(ok.status == 200 && ok.headers["X-RateLimit-Remaining"] == String(49 - n))
        }
        let limited = await harness.send(.get, "/greenhouse/v1/jobs", headers: [harness.greenhouseAuth])
        #expect(limited.status == 429)
        #expect(limited.headers["Retry-After"] == "10" && limited.headers["X-RateLimit-Limit"] == "50")
        #expect(limited.headers["X-RateLimit-Reset"] == String(Int(harness.clock.date.timeIntervalSince1970) + 10))
        harness.clock.advance(10)
        #expect(await harness.send(.get, "/greenhouse/v1/jobs", headers: [harness.greenhouseAuth]).status == 200)
    }
}

@Suite struct AssumedAPIFakeTests {
    static let recruit = ("Authorization", "Bearer sandbox-recruit-token")

    @Test func recruit_PositionsAndOpenings_With409s() async throws {
        let harness = Harness()
        #expect(await harness.send(.get, "/recruit/v1/positions").status == 401)
        let position = await harness.send(
            .post, "/recruit/v1/positions", headers: [Self.recruit], json: ["externalId": "480000001", "title": "Engineer"])
        #expect(position.status == 201)
        let id = try #require(position.json["id"]?.stringValue)
        let again = await harness.send(
            .post, "/recruit/v1/positions", headers: [Self.recruit], json: ["externalId": "480000001", "title": "Engineer"])
        #expect(again.status == 409 && again.json["error"]?["code"] == "position_exists" && again.json["id"] == .string(id))
        let opening = await harness.send(
            .post, "/recruit/v1/positions/\(id)/openings", headers: [Self.recruit],
            json: ["externalId": "490000002", "name": "Engineer #1", "status": "open"])
        #expect(opening.status == 201)
        let openingID = try #require(opening.json["id"]?.stringValue)
        let duplicate = await harness.send(
            .post, "/recruit/v1/positions/\(id)/openings", headers: [Self.recruit],
            json: ["externalId": "490000002", "name": "Engineer #1", "status": "open"])
        #expect(duplicate.status == 409 && duplicate.json["error"]?["code"] == "opening_exists")
        let found = await harness.send(.get, "/recruit/v1/openings?externalId=490000002", headers: [Self.recruit])
        #expect(found.json["items"]?.arrayValue?.count == 1)
        let patched = await harness.send(.patch, "/recruit/v1/openings/\(openingID)", headers: [Self.recruit], json: ["status": "on_hold"])
        #expect(patched.json["status"] == "on_hold")
        #expect(await harness.send(.delete, "/recruit/v1/openings/\(openingID)", headers: [Self.recruit]).status == 204)
        #expect(await harness.send(.delete, "/recruit/v1/openings/\(openingID)", headers: [Self.recruit]).status == 404)
    }

    @Test func reachdesk_UpsertCreatesThenUpdates_AndPaginates() async {
        let harness = Harness()
        let auth = ("Authorization", "Bearer sandbox-reachdesk-token")
        let body: JSONValue = ["email": "a@acme.example", "firstName": "A", "lastName": "B", "countryCode": "GB"]
        #expect(await harness.send(.put, "/reachdesk/v1/recipients/3332883800000000001", headers: [auth], json: body).status == 201)
        #expect(await harness.send(.put, "/reachdesk/v1/recipients/3332883800000000001", headers: [auth], json: body).status == 200)
        #expect(await harness.send(.put, "/reachdesk/v1/recipients/3332883800000000002", headers: [auth], json: body).status == 201)
        let bad = await harness.send(
            .put, "/reachdesk/v1/recipients/x", headers: [auth], json: ["email": "a@acme.example", "firstName": "A", "lastName": "B", "countryCode": "United Kingdom"])
        #expect(bad.status == 400)
        harness.clock.advance(1)
        let page = await harness.send(.get, "/reachdesk/v1/recipients?limit=1", headers: [auth])
        #expect(page.json["items"]?.arrayValue?.count == 1 && page.json["nextCursor"] == "1")
        let last = await harness.send(.get, "/reachdesk/v1/recipients?limit=1&cursor=1", headers: [auth])
        #expect(last.json["nextCursor"] == .null)
        #expect(await harness.send(.get, "/reachdesk/v1/recipients/3332883800000000002", headers: [auth]).status == 200)
        harness.clock.advance(1)
        #expect(await harness.send(.delete, "/reachdesk/v1/recipients/3332883800000000002", headers: [auth]).status == 204)
        #expect(await harness.send(.get, "/reachdesk/v1/recipients/3332883800000000002", headers: [auth]).status == 404)
    }

    @Test func hipeople_CandidatesAndIdempotentSends() async throws {
        let harness = Harness()
        let auth = [("X-API-Key", "sandbox-hipeople-key"), ("X-API-Secret", "sandbox-hipeople-secret")]
        #expect(await harness.send(.get, "/hipeople/api/open_job_roles", headers: [auth[0]]).status == 401)
        let roles = await harness.send(.get, "/hipeople/api/open_job_roles?limit=1", headers: auth)
        #expect(roles.json["list"]?["limit"] == 1 && roles.json["list"]?["has_more"] != nil)
        let role = try #require(roles.json["result"]?.arrayValue?.first?["id"])
        let body: JSONValue = ["email": "c@x.example", "first_name": "C", "last_name": "D", "role_id": role, "ats_candidate_id": "200001"]
        let created = await harness.send(.post, "/hipeople/api/candidates", headers: auth, json: body)
        let existing = await harness.send(.post, "/hipeople/api/candidates", headers: auth, json: body)
        #expect(created.status == 201 && existing.status == 200 && created.json["id"] == existing.json["id"])
        let id = try #require(created.json["id"]?.stringValue)
        let first = await harness.send(.post, "/hipeople/api/candidates/\(id)/reference_checks", headers: auth, json: ["idempotency_key": "k1"])
        let repeated = await harness.send(.post, "/hipeople/api/candidates/\(id)/reference_checks", headers: auth, json: ["idempotency_key": "k1"])
        #expect(first.status == 201 && repeated.status == 200 && first.json == repeated.json)
        #expect(first.json["status"] == "sent")
        harness.clock.advance(1)
        let checkID = try #require(first.json["id"]?.stringValue)
        let event = try harness.sandbox.completeReferenceCheck(checkID)
        #expect(event.data["ats_candidate_id"] == "200001")
        let check = await harness.send(.get, "/hipeople/api/reference_checks/\(checkID)", headers: auth)
        #expect(check.json["status"] == "completed" && check.json["report_url"]?.stringValue != nil)
    }
}
