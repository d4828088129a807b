import RecipeConnectors
import RecipeData
import RecipeHTTPCore
import Testing

/// Docebo's `search_text` matches first name, last name and username, never the e-mail
/// (docs/vendors/docebo.md): `find_users_by_email` searches for the e-mail, then the last and
/// first name, through every page, and keeps each exact e-mail match once.
struct DoceboSearchTests {
    /// Answers each `search_text` with its pages (`has_more_data` on all but the last).
    static func docebo(_ results: [String: [[JSONValue]]]) -> RecordingVendor {
        RecordingVendor { request, _ in
            if request.path.hasSuffix("/oauth2/token") { return .json(["access_token": "t", "expires_in": 3600]) }
            let pages = results[request.query("search_text") ?? ""] ?? []
            let page = Int(request.query("page") ?? "1") ?? 1
            let items = page <= pages.count ? pages[page - 1] : []
            return .json(["data": ["items": .array(items), "has_more_data": .bool(page < pages.count), "current_page": .int(page)]])
        }
    }

    static func user(_ id: String, _ username: String, _ email: String) -> JSONValue {
        ["user_id": .string(id), "username": .string(username), "email": .string(email)]
    }

    struct Case: Sendable, CustomTestStringConvertible {
        let testDescription: String
        let input: JSONValue
        let results: [String: [[JSONValue]]]
        let searches: [String]
        let found: [String]
    }

    static let legacy = user("12", "f.seven", "First7.Last7@acme.example")
    static let byEmail = user("13", "first7.last7@acme.example", "first7.last7@acme.example")
    static let cases = [
        Case(
            testDescription: "a legacy username is found by last name, on its second page",
            input: ["email": "first7.last7@acme.example", "firstname": "First7", "lastname": "Last7"],
            results: ["Last7": [[user("9", "o.last7", "other@acme.example")], [legacy]]],
            searches: ["first7.last7@acme.example 1", "Last7 1", "Last7 2", "First7 1"], found: ["12"]),
        Case(
            testDescription: "one user found by e-mail and by name counts once",
            input: ["email": "first7.last7@acme.example", "firstname": "First7", "lastname": "Last7"],
            results: ["first7.last7@acme.example": [[byEmail]], "Last7": [[byEmail]], "First7": [[byEmail]]],
            searches: ["first7.last7@acme.example 1", "Last7 1", "First7 1"], found: ["13"]),
        Case(
            testDescription: "two users with the e-mail are both returned",
            input: ["email": "first7.last7@acme.example", "firstname": "First7", "lastname": "Last7"],
            results: ["first7.last7@acme.example": [[byEmail]], "Last7": [[legacy, byEmail]]],
            searches: ["first7.last7@acme.example 1", "Last7 1", "First7 1"], found: ["13", "12"]),
        Case(
            testDescription: "without names only the e-mail is searched",
            input: ["email": "first7.last7@acme.example", "firstname": nil, "lastname": "  "],
            results: [:], searches: ["first7.last7@acme.example 1"], found: []),
        Case(
            testDescription: "names equal to each other are searched once",
            input: ["email": "ab@acme.example", "firstname": "Li", "lastname": "Li"],
            results: ["Li": [[user("5", "li", "AB@acme.example ")]]], searches: ["ab@acme.example 1", "Li 1"], found: ["5"]),
    ]

    @Test(arguments: cases)
    func findsEveryExactMatchOnce(_ c: Case) async throws {
        let vendor = Self.docebo(c.results)
        let harness = try ConnectorHarness(vendor: vendor)
        let output = try await harness.perform("docebo", "find_users_by_email", c.input)
        #expect(output.arrayValue?.compactMap { $0["user_id"]?.stringValue } == c.found)
        #expect(vendor.apiRequests.map { "\($0.query("search_text") ?? "") \($0.query("page") ?? "")" } == c.searches)
    }

    /// An empty `search_text` lists every user, and every user without an e-mail would "match"
    /// a blank one: a blank e-mail fails before any request.
    @Test(arguments: ["", "   ", nil] as [String?])
    func aBlankEmailIsRefusedBeforeSearching(_ email: String?) async throws {
        let vendor = Self.docebo(["": [[Self.user("1", "noemail", "")]]])
        let harness = try ConnectorHarness(vendor: vendor)
        let error = try await harness.failure("docebo", "find_users_by_email", ["email": email.map(JSONValue.string) ?? .null, "lastname": "Last7"])
        #expect(error.message.contains("is missing"))
        #expect(vendor.apiRequests.isEmpty)
    }

    /// The same for every lookup whose filter is a query parameter: left out, the vendor would
    /// list everything and its first item would pass for the match.
    @Test(arguments: [
        ("greenhouse", "find_candidate_by_email", "email"), ("recruit", "get_position_by_external_id", "externalId"),
        ("recruit", "get_opening_by_external_id", "externalId"), ("docebo", "find_user_by_email", "email"),
    ])
    func aLookupWithoutItsFilterFailsBeforeAnyRequest(_ connection: String, _ action: String, _ field: String) async throws {
        for value in [JSONValue.null, "", "  "] {
            let vendor = RecordingVendor { _, _ in .json(["items": [["id": "anyone"]]]) }
            let harness = try ConnectorHarness(vendor: vendor)
            var input = JSONObject()
            input[field] = value
            let error = try await harness.failure(connection, action, .object(input))
            #expect(error.message.contains("is missing"), "\(value)")
            #expect(vendor.apiRequests.isEmpty)
        }
    }

    @Test func findUserByEmailStopsAtTheFirstMatch() async throws {
        let vendor = Self.docebo(["Last7": [[Self.legacy]]])
        let harness = try ConnectorHarness(vendor: vendor)
        let output = try await harness.perform(
            "docebo", "find_user_by_email", ["email": "first7.last7@acme.example", "firstname": "First7", "lastname": "Last7"])
        #expect(output == Self.legacy)
        #expect(vendor.apiRequests.count == 2)
    }

    @Test func createWithoutAPasswordSendsAGeneratedOneThatNoRecordShows() async throws {
        let vendor = RecordingVendor { request, _ in
            if request.path.hasSuffix("/oauth2/token") { return .json(["access_token": "t", "expires_in": 3600]) }
            return .json(["data": ["success": true, "user_id": 12301]])
        }
        let harness = try ConnectorHarness(vendor: vendor)
        var passwords: [String] = []
        for _ in 0..<2 {
            let output = try await harness.perform("docebo", "create_user", ["userid": "ada@example.com", "email": "ada@example.com"])
            #expect(output == ["success": true, "user_id": 12301])
            let body = try #require(vendor.apiRequests.last?.jsonBody)
            #expect(body["force_change"] == 1, "nobody knows a generated password: Docebo asks for a new one")
            passwords.append(try #require(body["password"]?.stringValue))
        }
        #expect(passwords.allSatisfy { $0.count >= 12 })
        #expect(passwords[0] != passwords[1], "generated at run time, for every user")
        let recorded = harness.attempts.map { $0.json.jsonString() }.joined()
        #expect(!passwords.contains { recorded.contains($0) })
    }
}
