import Testing
import RecipeData
import RecipeHTTPCore

/// Thrown errors, unknown paths and wrong methods all come out of the router in one shape.
@Suite struct RouterErrorTests {
    struct DomainError: HTTPErrorConvertible {
        var httpError: HTTPError { HTTPError(status: 409, code: "already_there", message: "It exists.") }
    }

    struct OpaqueError: Error {
        let secret = "token-123"
    }

    static var router: Router {
        var router = Router()
        router.add(.get, "/plain") { _, _ in .text("fine") }
        router.add(.get, "/http-error") { _, _ in
            throw HTTPError(status: 503, code: "overloaded", message: "Try later.", headers: ["Retry-After": "7"])
        }
        router.add(.post, "/domain") { _, _ in throw DomainError() }
        router.add(.get, "/opaque") { _, _ in throw OpaqueError() }
        router.add(.delete, "/opaque") { _, _ in .text("gone") }
        return router
    }

    struct Case: CustomTestStringConvertible, Sendable {
        let method: HTTPMethod
        let path: String
        let status: Int
        let code: String?
        let headers: [String: String]
        var testDescription: String { "\(method) \(path) → \(status)" }
    }

    static let cases: [Case] = [
        Case(method: .get, path: "/plain", status: 200, code: nil, headers: [:]),
        Case(method: .get, path: "/http-error", status: 503, code: "overloaded", headers: ["Retry-After": "7"]),
        Case(method: .post, path: "/domain", status: 409, code: "already_there", headers: [:]),
        Case(method: .get, path: "/opaque", status: 500, code: "internal_error", headers: [:]),
        Case(method: .get, path: "/nowhere", status: 404, code: "not_found", headers: [:]),
        Case(method: .put, path: "/opaque", status: 405, code: "method_not_allowed", headers: ["Allow": "GET, DELETE"]),
        Case(method: .get, path: "/domain", status: 405, code: "method_not_allowed", headers: ["Allow": "POST"]),
    ]

    @Test(arguments: cases)
    func errorsAreRenderedInOneShape(_ example: Case) async throws {
        let response = await Self.router.handle(HTTPRequest(method: example.method, target: example.path))
        #expect(response.status == example.status)
        for (name, value) in example.headers { #expect(response.headers[name] == value) }
        guard let code = example.code else { return }
        #expect(response.headers["Content-Type"] == "application/json")
        let body = try JSONParser.parseValue(response.body)
        let error = try #require(body["error"]?.objectValue)
        #expect(error.keys.sorted() == ["code", "message"])
        #expect(error["code"]?.stringValue == code)
        #expect(error["message"]?.stringValue?.isEmpty == false)
        #expect(!response.bodyText.contains("token-123"))
    }

    @Test func aFallbackCanStillAnswerInAVendorsShape() async {
        var router = Self.router
        router.fallback = { _ in .json(["message": "Resource not found"], status: 404) }
        let response = await router.handle(HTTPRequest(method: .get, target: "/nowhere"))
        #expect(response.status == 404)
        #expect(response.bodyText == #"{"message":"Resource not found"}"#)
    }
}
