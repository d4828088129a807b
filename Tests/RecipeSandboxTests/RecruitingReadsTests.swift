import Foundation
import RecipeData
import RecipeHTTPCore
import Testing

@testable import RecipeSandbox

/// The reads the greenhouse-hipeople bundle relies on before it writes: HiPeople's candidate
/// search and per-candidate request lists (assumed, docs/assumed-apis.md) and Greenhouse's
/// activity feed (Harvest).
@Suite struct RecruitingReadsTests {
    static let auth = [("X-API-Key", "sandbox-hipeople-key"), ("X-API-Secret", "sandbox-hipeople-secret")]

    /// A HiPeople candidate for Greenhouse candidate `ats` in the first role; its id.
    static func candidate(_ harness: Harness, ats: String, email: String = "c@x.example") async throws -> String {
        let body: JSONValue = ["email": .string(email), "first_name": "C", "last_name": "D", "role_id": "role_1", "ats_candidate_id": .string(ats)]
        let created = await harness.send(.post, "/hipeople/api/candidates", headers: auth, json: body)
        #expect(created.status == 201)
        return try #require(created.json["id"]?.stringValue)
    }

    @Test func hipeopleCandidateSearchFiltersExactlyAndRefusesUnknownParameters() async throws {
        let harness = Harness()
        let first = try await Self.candidate(harness, ats: "200001", email: "Ada@X.example")
        _ = try await Self.candidate(harness, ats: "200002")
        let found = await harness.send(.get, "/hipeople/api/candidates?ats_candidate_id=200001&role_id=role_1", headers: Self.auth)
        #expect(found.status == 200)
        #expect(found.json["result"]?.arrayValue?.map { $0["id"] } == [.string(first)])
        #expect(found.json["list"]?["total"] == 1 && found.json["list"]?["has_more"] == false)
        let byEmail = await harness.send(.get, "/hipeople/api/candidates?email=ada@x.example", headers: Self.auth)
        #expect(byEmail.json["result"]?.arrayValue?.count == 1)
        let otherRole = await harness.send(.get, "/hipeople/api/candidates?ats_candidate_id=200001&role_id=role_2", headers: Self.auth)
        #expect(otherRole.json["result"]?.arrayValue?.isEmpty == true)
        // A misspelt filter must not list every candidate.
        let misspelt = await harness.send(.get, "/hipeople/api/candidates?atsCandidateId=200001", headers: Self.auth)
        #expect(misspelt.status == 400 && misspelt.json["error"]?["code"] == "unknown_parameter")
        #expect(await harness.send(.get, "/hipeople/api/candidates?limit=0", headers: Self.auth).status == 400)
        #expect(await harness.send(.get, "/hipeople/api/candidates/\(first)", headers: Self.auth).json["ats_candidate_id"] == "200001")
        #expect(await harness.send(.get, "/hipeople/api/candidates/nope", headers: Self.auth).status == 404)
        #expect(await harness.send(.get, "/hipeople/api/candidates", headers: [Self.auth[0]]).status == 401)
    }

    @Test func hipeopleListsACandidatesRequestsByKind() async throws {
        let harness = Harness()
        let id = try await Self.candidate(harness, ats: "200001")
        let path = "/hipeople/api/candidates/\(id)"
        #expect(await harness.send(.get, path + "/assessments", headers: Self.auth).json["result"] == [])
        let sent = await harness.send(.post, path + "/assessments", headers: Self.auth, json: ["idempotency_key": "k1"])
        _ = await harness.send(.post, path + "/reference_checks", headers: Self.auth, json: ["idempotency_key": "k2"])
        let assessments = await harness.send(.get, path + "/assessments", headers: Self.auth)
        #expect(assessments.json["result"]?.arrayValue?.map { $0["id"] } == [sent.json["id"] ?? .null])
        #expect(assessments.json["result"]?.arrayValue?.first?["idempotency_key"] == nil, "bookkeeping stays private")
        #expect(await harness.send(.get, path + "/reference_checks", headers: Self.auth).json["result"]?.arrayValue?.count == 1)
        #expect(await harness.send(.get, path + "/assessments?candidate_id=x", headers: Self.auth).status == 400)
        #expect(await harness.send(.get, "/hipeople/api/candidates/nope/assessments", headers: Self.auth).status == 404)
        let state = harness.sandbox.state(of: .hipeople)
        #expect(state["assessmentsAndReferenceChecks"]?.arrayValue?.count == 2)
        #expect(state["requests"]?["total"] != nil, "the counters keep their key")
    }

    @Test func hipeopleListsReferenceChecksByStatusAndCompletionTime() async throws {
        let harness = Harness()
        let id = try await Self.candidate(harness, ats: "200001")
        var checks: [String] = []
        for key in ["k1", "k2"] {
            let sent = await harness.send(.post, "/hipeople/api/candidates/\(id)/reference_checks", headers: Self.auth, json: ["idempotency_key": .string(key)])
            checks.append(try #require(sent.json["id"]?.stringValue))
        }
        let before = SandboxDate.timestamp(harness.clock.date)
        harness.clock.advance(60)
        _ = try harness.sandbox.completeReferenceCheck(checks[1])
        let list = "/hipeople/api/reference_checks?status=completed"
        let completed = await harness.send(.get, list, headers: Self.auth)
        #expect(completed.json["result"]?.arrayValue?.map { $0["id"] } == [.string(checks[1])])
        #expect(completed.json["result"]?.arrayValue?.first?["completed_at"] != nil)
        let since = await harness.send(.get, list + "&completed_after=\(before)", headers: Self.auth)
        #expect(since.json["result"]?.arrayValue?.count == 1)
        let later = SandboxDate.timestamp(harness.clock.date.addingTimeInterval(1))
        #expect(await harness.send(.get, list + "&completed_after=\(later)", headers: Self.auth).json["result"] == [])
        let withFraction = String(before.dropLast()) + ".250Z"
        #expect(await harness.send(.get, list + "&completed_after=\(withFraction)", headers: Self.auth).status == 200)
        #expect(await harness.send(.get, "/hipeople/api/reference_checks", headers: Self.auth).json["list"]?["total"] == 2)
        for bad in ["status=done", "completed_after=yesterday", "completed_after=2025-13-01T00:00:00Z", "completed_after=2025-01-01T24:00:00Z", "candidate_id=x"] {
            #expect(await harness.send(.get, "/hipeople/api/reference_checks?" + bad, headers: Self.auth).status == 400, "\(bad)")
        }
    }

    @Test func timestampsReadBackToTheSecond() {
        #expect(SandboxDate.epochSeconds(ofTimestamp: "1970-01-02T00:00:01Z") == 86_401)
        #expect(SandboxDate.epochSeconds(ofTimestamp: "2025-01-08T12:12:31.999Z") == SandboxDate.epochSeconds(ofTimestamp: "2025-01-08T12:12:31Z"))
        for bad in ["2025-01-08T12:12:31", "2025-01-08 12:12:31Z", "2025-01-08T12:12:31.Z", "2025-01-08T12:60:00Z", "2025-01-08T1a:00:00Z", ""] {
            #expect(SandboxDate.epochSeconds(ofTimestamp: bad) == nil, "\(bad)")
        }
    }

    @Test func greenhouseActivityFeedListsTheCandidatesNotesNewestFirst() async throws {
        let harness = Harness()
        let candidate = try #require(harness.sandbox.greenhouseCandidates.first)
        let user = try #require(harness.sandbox.greenhouseUsers.first)
        let write = [harness.greenhouseAuth, ("On-Behalf-Of", String(user.id))]
        for text in ["first", "second"] {
            let note: JSONValue = ["user_id": .int(user.id), "body": .string(text), "visibility": "public"]
            let added = await harness.send(.post, "/greenhouse/v1/candidates/\(candidate.id)/activity_feed/notes", headers: write, json: note)
            #expect(added.status == 201)
        }
        let feed = await harness.send(.get, "/greenhouse/v1/candidates/\(candidate.id)/activity_feed", headers: [harness.greenhouseAuth])
        #expect(feed.status == 200)
        #expect(feed.json["notes"]?.arrayValue?.map { $0["body"] } == ["second", "first"])
        #expect(feed.json["notes"]?.arrayValue?.first?["visiblity"] == "public", "Harvest's legacy spelling is kept")
        #expect(feed.json["emails"] == [] && feed.json["activities"] == [])
        #expect(await harness.send(.get, "/greenhouse/v1/candidates/1/activity_feed", headers: [harness.greenhouseAuth]).status == 404)
    }
}
