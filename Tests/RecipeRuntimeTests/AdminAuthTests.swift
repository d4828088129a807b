// Who may call the admin API: a bearer token compared in constant time, or loopback only.
import Foundation
import RecipeData
import RecipeHTTPCore
import RecipeRuntime
import Testing

@Suite struct AdminAuthTests {
    static let token = "s3cret-admin-token-0123456789"

    @Test func theRightBearerTokenIsServed() async throws {
        let admin = try AdminHarness(access: AdminAccess(token: Self.token, bindsLoopbackOnly: true))
        for header in ["Bearer \(Self.token)", "bearer \(Self.token)", "Bearer  \(Self.token)"] {
            let response = await admin.send(.get, "jobs", headers: ["Authorization": header])
            #expect(response.status == 200, "\(header): \(response.bodyText)")
        }
    }

    @Test(arguments: [
        nil, "Bearer", "Bearer ", "Bearer wrong", "Bearer \(token)x", "Bearer s3cret-admin-token-012345678", "Basic \(token)",
        "Bearer S3CRET-ADMIN-TOKEN-0123456789", token,
    ] as [String?])
    func aMissingOrWrongTokenIs401WithWWWAuthenticate(_ header: String?) async throws {
        let admin = try AdminHarness(access: AdminAccess(token: Self.token, bindsLoopbackOnly: true))
        let headers: HTTPHeaders = header.map { ["Authorization": $0] } ?? [:]
        for (method, path) in [(HTTPMethod.get, "jobs"), (.get, "jobs/1"), (.post, "folders/hr/start"), (.get, "recipes")] {
            let response = await admin.send(method, path, headers: headers)
            #expect(response.status == 401, "\(path) with \(header ?? "nothing")")
            #expect(response.headers["WWW-Authenticate"]?.hasPrefix("Bearer") == true)
            #expect(response.json?["error"]?["code"] == "unauthorized")
            #expect(!response.bodyText.contains(Self.token), "the token is never echoed")
        }
        #expect(try await admin.store.lifecycles().isEmpty, "nothing was started")
    }

    @Test func withATokenConfiguredEvenLoopbackNeedsIt() async throws {
        let admin = try AdminHarness(access: AdminAccess(token: Self.token, bindsLoopbackOnly: true))
        #expect(await admin.send(.get, "jobs").status == 401)
    }

    @Test func noTokenServesOnlyAServerBoundToLoopback() async throws {
        let loopback = try AdminHarness(access: AdminAccess(token: nil, bindsLoopbackOnly: true))
        #expect(await loopback.send(.get, "jobs").status == 200)
        let empty = try AdminHarness(access: AdminAccess(token: "", bindsLoopbackOnly: true))
        #expect(await empty.send(.get, "jobs", headers: ["Authorization": "Bearer "]).status == 200, "an empty token is no token")
        let open = try AdminHarness(access: AdminAccess(token: nil, bindsLoopbackOnly: false))
        let refused = await open.send(.get, "jobs")
        #expect(refused.status == 403)
        #expect(refused.json?["error"]?["code"] == "admin_disabled")
        #expect(refused.json?["error"]?["message"]?.stringValue?.contains("RECIPES_ADMIN_TOKEN") == true)
    }

    @Test func accessIsDecidedFromTheTokenAndTheHost() {
        #expect(AdminAccess(token: "t", bindsLoopbackOnly: false) == .token("t"))
        #expect(AdminAccess(token: nil, bindsLoopbackOnly: true) == .loopbackOnly)
        #expect(AdminAccess(token: "", bindsLoopbackOnly: false) == .disabled)
        for host in ["127.0.0.1", "127.1.2.3", "::1", "[::1]", "localhost"] { #expect(AdminAccess.isLoopback(host: host), "\(host)") }
        for host in ["0.0.0.0", "::", "10.0.0.1", "128.0.0.1", "127.0.0", "127.0.0.256", "example.com", ""] {
            #expect(!AdminAccess.isLoopback(host: host), "\(host)")
        }
        let access = AdminAccess(token: Self.token, bindsLoopbackOnly: true)
        #expect(!access.logDescription.contains(Self.token), "the log never shows the token")
        #expect(!String(describing: access).contains(Self.token) && !String(reflecting: access).contains(Self.token))
    }

    @Test func theComparisonLooksAtEveryByteWhateverTheLengths() {
        let token = Array(Self.token.utf8)
        #expect(AdminAccess.constantTimeEquals(token, token))
        #expect(AdminAccess.constantTimeEquals([], []))
        #expect(!AdminAccess.constantTimeEquals(token, Array(token.dropLast())))
        #expect(!AdminAccess.constantTimeEquals(token, token + [0]))
        #expect(!AdminAccess.constantTimeEquals(token, []))
        var last = token
        last[last.count - 1] ^= 1
        #expect(!AdminAccess.constantTimeEquals(token, last))
        var first = token
        first[0] ^= 0x80
        #expect(!AdminAccess.constantTimeEquals(token, first))
        // Lengths that differ by a multiple of 256 still differ.
        #expect(!AdminAccess.constantTimeEquals([UInt8](repeating: 0, count: 256), []))
    }
}
