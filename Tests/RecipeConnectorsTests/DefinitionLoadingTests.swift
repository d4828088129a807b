import Foundation
import RecipeConnectors
import RecipeData
import Testing

/// Definition files load with every problem reported at its exact location.
struct DefinitionLoadingTests {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Fixtures/connectors")

    @Test func shippedDefinitionsLoadCleanly() {
        let (definitions, diagnostics) = ConnectorDefinitionLoader.loadDirectory(ConnectorHarness.connectorsDirectory)
        #expect(diagnostics.map(\.description) == [])
        #expect(definitions["docebo"]?.actions["find_user_by_email"]?.idempotent == true)
        #expect(definitions["docebo"]?.actions["create_user"]?.idempotent == false)
        #expect(definitions["docebo"]?.actions["create_user"]?.retrySafe == true)
        #expect(definitions["greenhouse"]?.actions["add_note"]?.retrySafe == false)
        #expect(definitions["hibob"]?.actions["search_people"]?.rateLimit == RateLimit(requests: 50, per: .seconds(60), burst: 5))
    }

    @Test func everyProblemIsLocated() {
        let path = Self.fixtures.appendingPathComponent("broken.json").path
        let (definition, diagnostics) = ConnectorDefinitionLoader.load(path: path)
        #expect(definition == nil)
        let lines = diagnostics.map { $0.description.replacingOccurrences(of: path, with: "broken.json") }
        #expect(
            lines == [
                "broken.json:3:14: error: 'baseURL' must be an absolute http or https URL, not \"ftp://example.com\"",
                "broken.json:5:11: error: 'auth' is missing the required field 'token'",
                "broken.json:5:31: error: unknown field 'tokn' in 'auth'; did you mean 'token'?",
                "broken.json:6:30: error: 'requests' in 'rateLimit' of connector definition must be between 1 and 1000000, not 0",
                "broken.json:8:5: error: action name 'Get-User' must be snake_case (a-z, 0-9, _)",
                "broken.json:10:17: error: 'method' of action 'get_user' must be one of GET, POST, PUT, PATCH, DELETE, HEAD, not \"FETCH\"",
                "broken.json:11:15: error: 'path' of action 'get_user' must start with '/' (it is relative to the base URL)",
                "broken.json:11:25: error: unknown name 'inptu' in 'path'; did you mean 'input'? (this field can read 'input', 'page', 'request', 'settings')",
                "broken.json:12:26: error: unterminated '{{'; expected '}}'",
                "broken.json:13:16: error: 'match' of action 'get_user' needs 'pagination' (it filters the collected items)",
                "broken.json:14:17: error: dedupe check of 'get_user' names an unknown action 'find_usr'; did you mean 'find_user'?",
                "broken.json:15:21: error: 'onStatus' keys must be HTTP status codes such as \"404\", not \"four-oh-four\"",
                "broken.json:16:7: error: unknown field 'outptu' in action 'get_user'; did you mean 'output'?",
                "broken.json:18:67: error: 'encoding' in action 'find_user' must be one of \"json\", \"form\", not \"xml\"",
            ])
    }

    @Test func syntaxErrorsAreLocated() {
        let (definition, diagnostics) = ConnectorDefinitionLoader.load(SourceFile(path: "x.json", text: "{\"actions\": {,}}"))
        #expect(definition == nil)
        #expect(diagnostics.first?.description.hasPrefix("x.json:1:14: error:") == true)
    }

    /// An action without `output` answers the response body (or, paginated, the collected items).
    @Test(arguments: [
        (#""method": "GET", "path": "/users""#, "response.body"),
        (#""method": "GET", "path": "/users", "pagination": {"state": 1, "items": "{{ response.body }}", "next": null}"#, "items"),
    ])
    func actionsWithoutOutputAnswerTheResponse(_ action: String, _ expression: String) throws {
        let text = #"{"name": "x", "baseURL": "https://example.com", "auth": {"type": "none"}, "actions": {"list": {"# + action + "}}}"
        let (definition, diagnostics) = ConnectorDefinitionLoader.load(SourceFile(path: "x.json", text: text))
        #expect(diagnostics.map(\.description) == [])
        let output = try #require(definition?.actions["list"]?.output)
        #expect(output.expressions.map(\.sourceText) == [expression])
    }
}
