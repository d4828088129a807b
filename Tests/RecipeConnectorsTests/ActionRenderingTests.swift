import RecipeConnectors
import RecipeData
import RecipeHTTPCore
import Testing

/// Every action of every shipped definition, against a recording vendor: the documented
/// method, path, query and body, and the output extracted from a canned answer.
struct ActionRenderingTests {
    struct Case: Sendable, CustomTestStringConvertible {
        let connection: String
        let action: String
        let input: String
        let method: String
        let target: String
        let body: String?
        var response: String = "{}"
        var status: Int = 200
        var output: String?
        var testDescription: String { "\(connection).\(action)" }
    }

    static let cases: [Case] = [
        Case(
            connection: "hibob", action: "get_employee", input: #"{"id": "3332883894235038486", "fields": ["root.id", "root.email"]}"#,
            method: "POST", target: "/hibob/v1/people/3332883894235038486", body: #"{"fields": ["root.id", "root.email"]}"#,
            response: #"{"id": "3332883894235038486", "email": "ada@example.com"}"#,
            output: #"{"id": "3332883894235038486", "email": "ada@example.com"}"#),
        Case(
            connection: "hibob", action: "search_people", input: #"{"fields": ["root.id"], "showInactive": true}"#, method: "POST",
            target: "/hibob/v1/people/search", body: #"{"fields": ["root.id"], "showInactive": true}"#,
            response: #"{"employees": [{"id": "1"}]}"#, output: #"[{"id": "1"}]"#),
        Case(
            connection: "hibob", action: "search_positions",
            input: #"{"fields": ["/position/id"], "filters": [{"fieldId": "/position/status", "operator": "equals", "values": ["vacant"]}]}"#,
            method: "POST", target: "/hibob/v1/objects/position/search",
            body: #"{"fields": ["/position/id"], "filters": [{"fieldId": "/position/status", "operator": "equals", "values": ["vacant"]}]}"#),
        Case(
            connection: "hibob", action: "search_openings", input: #"{"fields": ["/positionOpening/id"]}"#, method: "POST",
            target: "/hibob/v1/positions/position-openings/search",
            body: #"{"fields": ["/positionOpening/id"], "pagination": {"limit": 200}}"#,
            response: #"{"positionOpeningEntries": [{"id": 7}], "response_metadata": {"next_cursor": null}}"#, output: #"[{"id": 7}]"#),
        Case(
            connection: "hibob", action: "get_position", input: #"{"id": "480000012"}"#, method: "POST",
            target: "/hibob/v1/objects/position/search",
            body: #"{"fields": ["/position/id", "/position/name", "/position/status", "/position/department", "/position/site", "/position/employmentType", "/position/effectiveDate", "/position/approvalStatus"], "filters": [{"fieldId": "/position/id", "operator": "equals", "values": ["480000012"]}], "includeHumanReadable": true}"#,
            response: #"[{"/position/id": {"value": "480000099"}}, {"/position/id": {"value": "480000012"}, "/position/name": {"value": "Engineer"}, "/position/department": {"value": "17", "humanReadable": "Engineering"}, "/position/approvalStatus": {"value": "approved"}}]"#,
            output: #"{"id": "480000012", "name": "Engineer", "status": null, "department": "Engineering", "site": null, "employmentType": null, "effectiveDate": null, "approvalStatus": "approved"}"#),
        Case(
            connection: "hibob", action: "get_opening", input: #"{"id": "490000013"}"#, method: "POST",
            target: "/hibob/v1/positions/position-openings/search",
            body: #"{"fields": ["/positionOpening/id", "/positionOpening/positionId", "/positionOpening/positionOpeningName", "/positionOpening/status", "/positionOpening/recruitmentStatus", "/positionOpening/expectedStartDate", "/positionOpening/approvalStatus"], "filters": [{"fieldId": "/positionOpening/id", "operator": "equals", "values": ["490000013"]}], "pagination": {"limit": 200}}"#,
            response: #"{"positionOpeningEntries": [{"/positionOpening/id": {"value": "490000013"}, "/positionOpening/positionId": {"value": "480000012"}, "/positionOpening/recruitmentStatus": {"value": "open"}}], "response_metadata": {"next_cursor": null}}"#,
            output: #"{"id": "490000013", "positionId": "480000012", "name": null, "status": null, "recruitmentStatus": "open", "expectedStartDate": null, "approvalStatus": null}"#),
        Case(
            connection: "docebo", action: "get_user", input: #"{"user_id": 12301}"#, method: "GET", target: "/docebo/manage/v1/user/12301",
            body: nil, response: #"{"data": {"user_id": "12301"}}"#, output: #"{"user_id": "12301"}"#),
        Case(
            connection: "docebo", action: "create_user",
            input:
                #"{"userid": "ada@example.com", "email": "ada@example.com", "firstname": "Ada", "lastname": null, "valid": 1, "password": "Given-pass-123", "status": 0}"#,
            method: "POST", target: "/docebo/manage/v1/user",
            body: #"{"userid": "ada@example.com", "email": "ada@example.com", "firstname": "Ada", "password": "Given-pass-123", "valid": 1}"#,
            response: #"{"data": {"success": true, "user_id": 12301}}"#, output: #"{"success": true, "user_id": 12301}"#),
        Case(
            // `valid` is not in ManageUserUpdateSchema (Docebo ignores it): status goes through change_status.
            connection: "docebo", action: "update_user", input: #"{"user_id": 12301, "email": "ada@example.com", "valid": 0}"#,
            method: "PUT", target: "/docebo/manage/v1/user/12301", body: #"{"email": "ada@example.com"}"#,
            response: #"{"data": {"success": true, "updated_id": 12301}}"#, output: #"{"user_id": 12301, "success": true}"#),
        Case(
            connection: "docebo", action: "change_status", input: #"{"user_id": 12301, "status": 0}"#, method: "PUT",
            target: "/docebo/manage/v1/user/change_status", body: #"{"user_ids": [12301], "status": 0}"#),
        Case(
            connection: "docebo", action: "delete_user", input: #"{"user_id": 12301}"#, method: "DELETE",
            target: "/docebo/manage/v1/user/delete", body: #"{"user_ids": [12301]}"#),
        Case(
            connection: "docebo", action: "delete_user", input: #"{"email": "ada@example.com"}"#, method: "DELETE",
            target: "/docebo/manage/v1/user/delete", body: #"{"user_names": ["ada@example.com"]}"#),
        Case(
            connection: "360learning", action: "find_user_by_mail", input: #"{"mail": " Ada@Example.com "}"#, method: "GET",
            target: "/360learning/api/v2/users?mail%5Beq%5D=ada%40example.com", body: nil,
            response: #"[{"_id": "64a1", "mail": "ADA@example.com"}, {"_id": "64a2", "mail": "bob@example.com"}]"#,
            output: #"[{"_id": "64a1", "mail": "ADA@example.com"}]"#),
        Case(
            connection: "360learning", action: "create_user", input: #"{"email": "ada@example.com", "firstName": "Ada", "lastName": "L"}"#,
            method: "POST", target: "/360learning/api/v2/users", body: #"{"mail": "ada@example.com", "firstName": "Ada", "lastName": "L"}"#,
            status: 201),
        Case(
            connection: "360learning", action: "update_user", input: #"{"user_id": "64a1", "job": "Engineer"}"#, method: "PATCH",
            target: "/360learning/api/v2/users/64a1", body: #"{"job": "Engineer"}"#),
        Case(
            connection: "360learning", action: "deactivate_user", input: #"{"user_id": "64a1"}"#, method: "DELETE",
            target: "/360learning/api/v2/users/64a1", body: nil, status: 204, output: #"{"user_id": "64a1", "deactivated": true}"#),
        Case(
            connection: "greenhouse", action: "get_candidate", input: #"{"id": 265772}"#, method: "GET",
            target: "/greenhouse/v1/candidates/265772", body: nil, response: #"{"id": 265772}"#, output: #"{"id": 265772}"#),
        Case(
            connection: "greenhouse", action: "find_candidate_by_email", input: #"{"email": "g+h@example.com"}"#, method: "GET",
            target: "/greenhouse/v1/candidates?email=g%2Bh%40example.com&per_page=1", body: nil, response: "[]", output: "null"),
        Case(
            connection: "greenhouse", action: "get_application", input: #"{"id": 265277}"#, method: "GET",
            target: "/greenhouse/v1/applications/265277", body: nil),
        Case(connection: "greenhouse", action: "get_job", input: #"{"id": 4690}"#, method: "GET", target: "/greenhouse/v1/jobs/4690", body: nil),
        Case(
            connection: "greenhouse", action: "get_job_stages", input: #"{"job_id": 4690}"#, method: "GET",
            target: "/greenhouse/v1/jobs/4690/stages", body: nil),
        Case(
            connection: "greenhouse", action: "get_activity_feed", input: #"{"candidate_id": 265772}"#, method: "GET",
            target: "/greenhouse/v1/candidates/265772/activity_feed", body: nil),
        Case(
            connection: "greenhouse", action: "find_note", input: #"{"candidate_id": 265772, "body": "b"}"#, method: "GET",
            target: "/greenhouse/v1/candidates/265772/activity_feed", body: nil,
            response: #"{"notes": [{"id": 1, "body": "a"}, {"id": 2, "body": "b"}], "emails": [], "activities": []}"#,
            output: #"{"id": 2, "body": "b"}"#),
        Case(
            connection: "greenhouse", action: "add_note", input: #"{"candidate_id": 265772, "body": "Sent to HiPeople"}"#, method: "POST",
            target: "/greenhouse/v1/candidates/265772/activity_feed/notes",
            body: #"{"user_id": "4000", "body": "Sent to HiPeople", "visibility": "admin_only"}"#, status: 201),
        Case(
            connection: "recruit", action: "create_position", input: #"{"externalId": "p-1", "title": "Engineer", "department": "R&D"}"#,
            method: "POST", target: "/recruit/v1/positions", body: #"{"externalId": "p-1", "title": "Engineer", "department": "R&D"}"#,
            response: #"{"id": "pos_1", "externalId": "p-1"}"#, status: 201, output: #"{"id": "pos_1", "externalId": "p-1"}"#),
        Case(
            connection: "recruit", action: "create_position", input: #"{"externalId": "p-1", "title": "Engineer"}"#, method: "POST",
            target: "/recruit/v1/positions", body: #"{"externalId": "p-1", "title": "Engineer"}"#,
            response: #"{"error": {"code": "position_exists", "message": "exists", "id": "pos_1"}}"#, status: 409,
            output: #"{"id": "pos_1", "externalId": "p-1", "existing": true}"#),
        Case(
            connection: "recruit", action: "get_position_by_external_id", input: #"{"externalId": "p 1"}"#, method: "GET",
            target: "/recruit/v1/positions?externalId=p%201", body: nil, response: #"{"items": []}"#, output: "null"),
        Case(
            connection: "recruit", action: "create_opening", input: #"{"positionId": "pos_1", "externalId": "o-1", "name": "Opening 1", "status": "open"}"#,
            method: "POST", target: "/recruit/v1/positions/pos_1/openings",
            body: #"{"externalId": "o-1", "name": "Opening 1", "status": "open"}"#, status: 201),
        Case(
            connection: "recruit", action: "get_opening_by_external_id", input: #"{"externalId": "o-1"}"#, method: "GET",
            target: "/recruit/v1/openings?externalId=o-1", body: nil, response: #"{"items": [{"id": "op_1"}]}"#, output: #"{"id": "op_1"}"#),
        Case(
            connection: "recruit", action: "update_opening", input: #"{"openingId": "op_1", "status": "on_hold"}"#, method: "PATCH",
            target: "/recruit/v1/openings/op_1", body: #"{"status": "on_hold"}"#),
        Case(
            connection: "recruit", action: "remove_opening", input: #"{"openingId": "op_1"}"#, method: "DELETE",
            target: "/recruit/v1/openings/op_1", body: nil, response: "", status: 204, output: #"{"removed": true}"#),
        Case(
            connection: "recruit", action: "remove_opening", input: #"{"openingId": "op_1"}"#, method: "DELETE",
            target: "/recruit/v1/openings/op_1", body: nil, response: #"{"error": {"code": "not_found", "message": "gone"}}"#, status: 404,
            output: #"{"removed": false}"#),
        Case(
            connection: "reachdesk", action: "upsert_recipient",
            input: #"{"externalId": "3332883894235038486", "email": "ada@example.com", "firstName": "Ada", "lastName": "L", "countryCode": "GB"}"#,
            method: "PUT", target: "/reachdesk/v1/recipients/3332883894235038486",
            body: #"{"email": "ada@example.com", "firstName": "Ada", "lastName": "L", "countryCode": "GB"}"#, status: 201),
        Case(
            connection: "reachdesk", action: "get_recipient", input: #"{"externalId": "42"}"#, method: "GET",
            target: "/reachdesk/v1/recipients/42", body: nil, response: #"{"error": {"code": "not_found"}}"#, status: 404, output: "null"),
        Case(
            connection: "reachdesk", action: "list_recipients", input: "{}", method: "GET", target: "/reachdesk/v1/recipients?limit=500",
            body: nil, response: #"{"items": [{"externalId": "1"}], "nextCursor": null}"#, output: #"[{"externalId": "1"}]"#),
        Case(
            connection: "reachdesk", action: "remove_recipient", input: #"{"externalId": "42"}"#, method: "DELETE",
            target: "/reachdesk/v1/recipients/42", body: nil, response: "", status: 204, output: #"{"removed": true}"#),
        Case(
            connection: "hipeople", action: "list_roles", input: "{}", method: "GET", target: "/hipeople/api/open_job_roles?skip=0&limit=100",
            body: nil, response: #"{"list": {"total": 1, "skip": 0, "limit": 100, "has_more": false}, "result": [{"id": "r1"}]}"#,
            output: #"[{"id": "r1"}]"#),
        Case(
            connection: "hipeople", action: "create_candidate",
            input: #"{"email": "g@example.com", "first_name": "G", "last_name": "H", "role_id": "r1", "ats_candidate_id": "265772"}"#,
            method: "POST", target: "/hipeople/api/candidates",
            body: #"{"email": "g@example.com", "first_name": "G", "last_name": "H", "role_id": "r1", "ats_candidate_id": "265772"}"#,
            status: 201),
        Case(
            connection: "hipeople", action: "update_candidate", input: #"{"id": "c1", "status": "hired"}"#, method: "PATCH",
            target: "/hipeople/api/candidates/c1", body: #"{"status": "hired"}"#),
        Case(
            connection: "hipeople", action: "send_assessment", input: #"{"candidate_id": "c1"}"#, method: "POST",
            target: "/hipeople/api/candidates/c1/assessments", body: #"{"idempotency_key": "job-1:t#step"}"#, status: 201),
        Case(
            connection: "hipeople", action: "send_reference_check", input: #"{"candidate_id": "c1", "min_references": 2}"#, method: "POST",
            target: "/hipeople/api/candidates/c1/reference_checks", body: #"{"idempotency_key": "job-1:t#step", "min_references": 2}"#,
            status: 201),
        Case(
            connection: "hipeople", action: "find_candidate", input: #"{"ats_candidate_id": 265772, "role_id": "role_1"}"#, method: "GET",
            target: "/hipeople/api/candidates?ats_candidate_id=265772&role_id=role_1&limit=1", body: nil,
            response: #"{"list": {"total": 1, "skip": 0, "limit": 1, "has_more": false}, "result": [{"id": "c1"}]}"#, output: #"{"id": "c1"}"#),
        Case(
            connection: "hipeople", action: "get_candidate", input: #"{"id": "c1"}"#, method: "GET", target: "/hipeople/api/candidates/c1",
            body: nil),
        Case(
            connection: "hipeople", action: "list_assessments", input: #"{"candidate_id": "c1"}"#, method: "GET",
            target: "/hipeople/api/candidates/c1/assessments?skip=0&limit=100", body: nil,
            response: #"{"list": {"total": 1, "skip": 0, "limit": 100, "has_more": false}, "result": [{"id": "a1"}]}"#,
            output: #"[{"id": "a1"}]"#),
        Case(
            connection: "hipeople", action: "list_reference_checks", input: #"{"candidate_id": "c1"}"#, method: "GET",
            target: "/hipeople/api/candidates/c1/reference_checks?skip=0&limit=100", body: nil,
            response: #"{"list": {"total": 0, "skip": 0, "limit": 100, "has_more": false}, "result": []}"#, output: "[]"),
        Case(
            connection: "hipeople", action: "list_completed_reference_checks", input: #"{"completed_after": "2025-01-06T07:00:00Z"}"#,
            method: "GET", target: "/hipeople/api/reference_checks?status=completed&completed_after=2025-01-06T07%3A00%3A00Z&skip=0&limit=100",
            body: nil, response: #"{"list": {"total": 1, "skip": 0, "limit": 100, "has_more": false}, "result": [{"id": "rc1"}]}"#,
            output: #"[{"id": "rc1"}]"#),
        Case(
            connection: "hipeople", action: "get_reference_check", input: #"{"id": "rc1"}"#, method: "GET",
            target: "/hipeople/api/reference_checks/rc1", body: nil),
    ]

    @Test(arguments: cases)
    func rendersTheDocumentedRequest(_ c: Case) async throws {
        let vendor = RecordingVendor { request, _ in
            if request.path.hasSuffix("/oauth2/token") { return .json(["access_token": "tok-1", "expires_in": 3600]) }
            return HTTPResponse(status: c.status, headers: ["Content-Type": "application/json"], body: Array(c.response.utf8))
        }
        let harness = try ConnectorHarness(vendor: vendor)
        let output = try await harness.perform(c.connection, c.action, .parse(c.input))
        let request = try #require(vendor.apiRequests.first)
        #expect(vendor.apiRequests.count == 1)
        #expect(request.method.rawValue == c.method)
        #expect(request.target == c.target)
        #expect(request.jsonBody == c.body.map { JSONValue.parse($0) })
        if let expected = c.output { #expect(output == .parse(expected)) }
    }

    @Test func everyActionOfEveryDefinitionIsCovered() throws {
        let (definitions, diagnostics) = ConnectorDefinitionLoader.loadDirectory(ConnectorHarness.connectorsDirectory)
        #expect(diagnostics.map(\.description) == [])
        let shipped = Set(definitions.values.flatMap { definition in definition.actions.keys.map { "\(definition.name).\($0)" } })
        let tested = Set(Self.cases.map(\.testDescription)).union(["docebo.find_user_by_email", "docebo.find_users_by_email"])
        #expect(shipped.subtracting(tested).sorted() == [])
        #expect(definitions.keys.sorted() == ["360learning", "docebo", "greenhouse", "hibob", "hipeople", "reachdesk", "recruit"])
    }
}
