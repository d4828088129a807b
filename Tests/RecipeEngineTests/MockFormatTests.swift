import RecipeData
import RecipeEngine
import Testing

/// The mocks file of `recipes run --mocks`: a scripted vendor, read with the same limits as a
/// real one's answers.
struct MockFormatTests {
    struct RetryAfterCase: Sendable, CustomTestStringConvertible {
        let value: JSONValue
        let wait: Duration?
        let error: String?
        var testDescription: String { value.jsonString() }
    }

    static let cases: [RetryAfterCase] = [
        .init(value: 1.5, wait: .milliseconds(1500), error: nil),
        .init(value: 0, wait: .zero, error: nil),
        .init(value: 86_399, wait: .seconds(86_399), error: nil),
        .init(value: 1e16, wait: ConnectorError.retryAfterCeiling, error: nil),
        .init(value: 1e300, wait: ConnectorError.retryAfterCeiling, error: nil),
        .init(value: -1, wait: nil, error: "docebo.create_user[0].error.retryAfter: must be a number of seconds, 0 or more"),
        .init(value: "soon", wait: nil, error: "docebo.create_user[0].error.retryAfter: must be a number of seconds, 0 or more"),
    ]

    /// A vendor's wait read from a mocks file saturates like a `Retry-After` header (1e16 s
    /// once trapped converting to Int64 milliseconds); a negative or non-number is an error.
    @Test(arguments: cases)
    func retryAfterIsCheckedAndSaturates(_ example: RetryAfterCase) async throws {
        let document: JSONValue = ["docebo": ["create_user": ["error": ["status": 429, "message": "slow", "retryAfter": example.value]]]]
        do {
            let registry = try ScriptedConnector.registry(fromMocks: document)
            let connector = try #require(registry["docebo"])
            do {
                _ = try await connector.perform(ActionRequest(connection: "docebo", action: "create_user", input: [:], jobID: "j", path: StepPath([])))
                Issue.record("the mock should fail")
            } catch let error as ConnectorError {
                #expect(error.retryAfter == example.wait)
            }
            #expect(example.error == nil)
        } catch {
            #expect("\(error)" == example.error)
        }
    }
}
