import Foundation
import RecipeData
import RecipeHTTPCore
import Testing

@testable import RecipeSandbox

/// `GET /api/v2/users` as 360Learning documents it: the mail filter in LHS bracket notation
/// (`mail[eq]=`), pages continued with the `next` token of the `Link` header, which carries the
/// filter.
@Suite struct Learning360UserListTests {
    func headers(_ harness: Harness) async -> [(String, String)] {
        [("Authorization", "Bearer \(await harness.learningToken())"), ("360-api-version", "v2.0")]
    }

    @Test(arguments: ["mail=ada@acme.example", "mail[ne]=ada@acme.example", "after=0", "next=x", "next=0.zz", "email=ada@acme.example"])
    func parametersOutsideTheDocumentedOnesAreRefused(_ query: String) async {
        let harness = Harness()
        let answer = await harness.send(.get, "/360learning/api/v2/users?\(query)", headers: await headers(harness))
        #expect(answer.status == 400)
        #expect(answer.json["error"]?["code"] == "invalidParameter")
    }

    @Test func theMailFilterAndTheNextTokenOfTheLinkHeader() async throws {
        let harness = Harness()
        let auth = await headers(harness)
        for n in 0..<505 {
            if n % 10 == 0 { harness.clock.advance(1) }
            let created = await harness.send(.post, "/360learning/api/v2/users", headers: auth, json: ["mail": .string("u\(n)@acme.example")])
            try #require(created.status == 201)
        }
        harness.clock.advance(1)
        let one = await harness.send(.get, "/360learning/api/v2/users?mail%5Beq%5D=U7@acme.example", headers: auth)
        #expect(one.json.arrayValue?.map { $0["mail"] } == ["u7@acme.example"])
        #expect(one.headers["Link"] == nil)

        let first = await harness.send(.get, "/360learning/api/v2/users", headers: auth)
        #expect(first.json.arrayValue?.count == 500)
        let link = try #require(first.headers["Link"])
        #expect(link == "</api/v2/users?next=500>; rel=\"next\"")
        let second = await harness.send(.get, "/360learning" + link.dropFirst().prefix { $0 != ">" }, headers: auth)
        #expect(second.json.arrayValue?.map { $0["mail"] } == (500..<505).map { .string("u\($0)@acme.example") })
        #expect(second.headers["Link"] == nil)
    }

    @Test func aNextTokenKeepsTheFilterOfTheFirstRequest() throws {
        let token = Learning360UserQuery(mail: "ada@acme.example", offset: 0).token(offset: 500)
        let request = HTTPRequest(method: .get, target: "/api/v2/users?next=\(token)&mail%5Beq%5D=bob@acme.example")
        #expect(try Learning360UserQuery.read(request).get() == Learning360UserQuery(mail: "ada@acme.example", offset: 500))
    }
}
