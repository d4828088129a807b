import Foundation
import RecipeData
import RecipeHTTPCore
import Synchronization
import Testing

@testable import RecipeSandbox

/// A clock tests move by hand.
final class TestClock: Sendable {
    private let now = Mutex(Date(timeIntervalSince1970: 1_767_225_600))  // 2026-01-01T00:00:00Z

    var date: Date { now.withLock { $0 } }
    func advance(_ seconds: TimeInterval) { now.withLock { $0 = $0.addingTimeInterval(seconds) } }
}

/// A sandbox on a test clock, with helpers to call it.
struct Harness {
    let clock = TestClock()
    let sandbox: Sandbox

    init(size: Int = 50, _ adjust: (inout SandboxConfiguration) -> Void = { _ in }) {
        var configuration = SandboxConfiguration()
        configuration.companySize = size
        let clock = self.clock
        configuration.clock = { clock.date }
        adjust(&configuration)
        sandbox = Sandbox(configuration)
    }

    func send(
        _ method: HTTPMethod, _ target: String, headers: [(String, String)] = [], json: JSONValue? = nil,
        form: String? = nil
    ) async -> HTTPResponse {
        var request = HTTPRequest(method: method, target: target, headers: HTTPHeaders(headers))
        if let json { request.body = json.jsonBytes() }
        if let form { request.body = Array(form.utf8) }
        return await sandbox.handle(request)
    }

    static func basic(_ user: String, _ password: String) -> (String, String) {
        ("Authorization", "Basic " + Data("\(user):\(password)".utf8).base64EncodedString())
    }

    var hibobAuth: (String, String) { Self.basic("sandbox-service-user", "sandbox-hibob-token") }
    var greenhouseAuth: (String, String) { Self.basic("sandbox-greenhouse-key", "") }

    func doceboToken() async -> String {
        let response = await send(
            .post, "/docebo/oauth2/token",
            form: "grant_type=client_credentials&client_id=sandbox-docebo-client&client_secret=sandbox-docebo-secret&scope=api")
        return (try? JSONParser.parseValue(response.body))?["access_token"]?.stringValue ?? ""
    }

    func learningToken() async -> String {
        let response = await send(
            .post, "/360learning/api/v2/oauth2/token",
            json: [
                "grant_type": "client_credentials", "client_id": "sandbox-360-client",
                "client_secret": "sandbox-360-secret",
            ])
        return (try? JSONParser.parseValue(response.body))?["access_token"]?.stringValue ?? ""
    }
}

extension HTTPResponse {
    var json: JSONValue { (try? JSONParser.parseValue(body)) ?? .null }
}
