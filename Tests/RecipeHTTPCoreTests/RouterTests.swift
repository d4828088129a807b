import Testing
import RecipeData
import RecipeHTTPCore

@Suite struct RouterTests {
    var router: Router {
        var router = Router()
        router.add(.get, "/v1/people/{id}") { _, parameters in .text("person \(parameters["id"] ?? "")") }
        router.add(.delete, "/v1/people/{id}") { _, _ in HTTPResponse(status: 204) }
        router.add(.post, "/v1/people") { request, _ in .text("created \(request.bodyText)", status: 201) }
        return router
    }

    struct RouteCase: CustomTestStringConvertible, Sendable {
        let method: HTTPMethod
        let target: String
        let status: Int
        let body: String?
        var testDescription: String { "\(method) \(target)" }
    }

    static let cases: [RouteCase] = [
        RouteCase(method: .get, target: "/v1/people/42", status: 200, body: "person 42"),
        RouteCase(method: .get, target: "/v1/people/a%20b?x=1", status: 200, body: "person a b"),
        RouteCase(method: .head, target: "/v1/people/42", status: 200, body: "person 42"),
        RouteCase(method: .delete, target: "/v1/people/42", status: 204, body: ""),
        RouteCase(method: .post, target: "/v1/people", status: 201, body: "created {}"),
        RouteCase(method: .get, target: "/v1/nothing", status: 404, body: nil),
        RouteCase(method: .get, target: "/v1/people/1/2", status: 404, body: nil),
        RouteCase(method: .put, target: "/v1/people/42", status: 405, body: nil),
    ]

    @Test(arguments: cases)
    func routes(_ example: RouteCase) async {
        let response = await router.handle(HTTPRequest(method: example.method, target: example.target, body: Array("{}".utf8)))
        #expect(response.status == example.status)
        if let body = example.body { #expect(response.bodyText == body) }
    }

    @Test func methodNotAllowedListsAllowedMethods() async {
        let response = await router.handle(HTTPRequest(method: .patch, target: "/v1/people/1"))
        #expect(response.status == 405)
        #expect(response.headers["Allow"] == "GET, DELETE")
    }
}
