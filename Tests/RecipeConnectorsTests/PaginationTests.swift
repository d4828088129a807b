import RecipeConnectors
import RecipeData
import RecipeHTTPCore
import Testing

/// Docebo's find_user_by_email: search_text does not search e-mails, so the action pages
/// through the results and keeps only an exact, case-insensitive e-mail match.
struct PaginationTests {
    /// Pages of Docebo search results, `has_more_data` on all but the last.
    static func docebo(pages: [[JSONValue]]) -> RecordingVendor {
        RecordingVendor { request, _ in
            if request.path.hasSuffix("/oauth2/token") { return .json(["access_token": "t", "expires_in": 3600]) }
            let page = Int(request.query("page") ?? "1") ?? 1
            let items = page <= pages.count ? pages[page - 1] : []
            return .json(["data": ["items": .array(items), "has_more_data": .bool(page < pages.count), "current_page": .int(page)]])
        }
    }

    static func user(_ id: Int, _ email: String) -> JSONValue { ["user_id": .int(id), "email": .string(email)] }

    @Test func matchOnALaterPageStopsPaging() async throws {
        let vendor = Self.docebo(pages: [
            [Self.user(1, "ada.lovelace@example.com.au"), Self.user(2, "x@example.com")],
            [Self.user(3, " ADA@example.com ")],
            [Self.user(4, "never@example.com")],
        ])
        let harness = try ConnectorHarness(vendor: vendor)
        let output = try await harness.perform("docebo", "find_user_by_email", ["email": "ada@example.com"])
        #expect(output == Self.user(3, " ADA@example.com "))
        #expect(vendor.apiRequests.map(\.target) == [
            "/docebo/manage/v1/user?search_text=ada%40example.com&page=1&page_size=200",
            "/docebo/manage/v1/user?search_text=ada%40example.com&page=2&page_size=200",
        ])
        #expect(harness.attempts.map(\.purpose) == ["token", "action", "action page 2"])
    }

    @Test func noExactMatchIsNull() async throws {
        let vendor = Self.docebo(pages: [[Self.user(1, "ada@example.com.au")], [Self.user(2, "bada@example.com")]])
        let harness = try ConnectorHarness(vendor: vendor)
        #expect(try await harness.perform("docebo", "find_user_by_email", ["email": "ada@example.com"]) == .null)
        #expect(vendor.apiRequests.count == 2)
    }

    @Test func emptySearchIsNull() async throws {
        let harness = try ConnectorHarness(vendor: Self.docebo(pages: []))
        #expect(try await harness.perform("docebo", "find_user_by_email", ["email": "nobody@example.com"]) == .null)
    }

    @Test func hibobOpeningsFollowTheCursor() async throws {
        let vendor = RecordingVendor { request, index in
            let cursor = request.jsonBody?["pagination"]?["cursor"]?.stringValue
            return .json([
                "positionOpeningEntries": [["id": .int(index)]],
                "response_metadata": ["next_cursor": cursor == nil ? "c2" : .null],
            ])
        }
        let harness = try ConnectorHarness(vendor: vendor)
        let output = try await harness.perform("hibob", "search_openings", ["fields": ["/positionOpening/id"]])
        #expect(output == [["id": 0], ["id": 1]])
        #expect(vendor.requests.map { $0.jsonBody?["pagination"] } == [["limit": 200], ["limit": 200, "cursor": "c2"]])
    }

    @Test func emptyPathValueIsRefused() async throws {
        let harness = try ConnectorHarness()
        let error = try await harness.failure("hibob", "get_employee", ["id": ""])
        #expect(error.kind == .invalidRequest)
        #expect(error.message == "hibob.get_employee: path: 'input.id' is empty; the request would address another resource")
        #expect(harness.vendor.requests.isEmpty)
    }

    @Test func unknownActionSuggestsTheName() async throws {
        let harness = try ConnectorHarness()
        let error = try await harness.failure("docebo", "find_user_by_mail", [:])
        #expect(error.kind == .unknownAction)
        #expect(error.message == "connector 'docebo' has no action 'find_user_by_mail'; did you mean 'find_user_by_email'?")
    }
}
