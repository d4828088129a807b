// The operator commands' way to a running `recipes serve`: its admin API at `RECIPES_URL`,
// with the bearer token of `RECIPES_ADMIN_TOKEN`. A server that cannot be reached is an error
// naming the URL, never a silent fall back to the database.
import Foundation
import RecipeConnectors
import RecipeData
import RecipeHTTPCore
import RecipeRuntime

/// Where the admin API is and the token to send; from the environment.
struct AdminRemote: Sendable {
    /// The environment variable holding the server's base URL (`http://127.0.0.1:8080`).
    static let urlVariable = "RECIPES_URL"
    /// How long one request may take.
    static let timeout: Duration = .seconds(30)
    /// The largest answer read: a page of `OperatorLimits.maxListLimit` jobs with room to spare.
    static let maxResponseBytes = 32 << 20

    /// The base URL without a trailing `/`.
    var baseURL: String
    var token: String?

    /// `nil` when `RECIPES_URL` is unset or empty: the commands use the database.
    static func fromEnvironment(_ environment: [String: String] = ProcessInfo.processInfo.environment) -> AdminRemote? {
        guard var url = environment[urlVariable], !url.isEmpty else { return nil }
        while url.hasSuffix("/") { url.removeLast() }
        let token = environment[AdminAPI.tokenVariable].flatMap { $0.isEmpty ? nil : $0 }
        return AdminRemote(baseURL: url, token: token)
    }

    /// Sends `method` to `/admin/v1/<path>?<query>` and returns the version 1 document answered.
    func send(_ method: HTTPMethod, _ path: String, query: [(String, String?)] = []) async throws(AdminClientError) -> JSONValue {
        guard baseURL.hasPrefix("http://") || baseURL.hasPrefix("https://") else {
            throw .badURL("\(Self.urlVariable) must be an http:// or https:// URL, not '\(DisplayText.line(baseURL, limit: 200))'")
        }
        let pairs = query.compactMap { name, value in value.map { "\(name)=\(PercentEncoding.encode($0))" } }
        let url = baseURL + AdminAPI.prefix + "/" + path + (pairs.isEmpty ? "" : "?" + pairs.joined(separator: "&"))
        var headers: HTTPHeaders = ["Accept": "application/json"]
        if let token { headers.set("Authorization", "Bearer \(token)") }
        let response: HTTPResponse
        do {
            response = try await Self.client.send(ClientRequest(method: method, url: url, headers: headers, timeout: Self.timeout))
        } catch {
            throw .unreachable("cannot reach the recipes server at \(baseURL) (\(Self.urlVariable)): \(error.message)")
        }
        let body = try? JSONParser.parseValue(response.body)
        guard (200..<300).contains(response.status) else {
            let message = body?["error"]?["message"]?.stringValue ?? "HTTP \(response.status)"
            let diagnostics = body?["error"]?["diagnostics"]?.arrayValue?.compactMap { $0["text"]?.stringValue } ?? []
            let hint = response.status == 401 ? " (check \(AdminAPI.tokenVariable))" : ""
            throw .refused(status: response.status, message: message + hint, diagnostics: diagnostics)
        }
        guard let body, body["version"]?.intValue == OperatorJSON.version else {
            throw .badAnswer("the server at \(baseURL) did not answer a version \(OperatorJSON.version) JSON document")
        }
        return body
    }

    private static let client = URLSessionClient(maxConnectionsPerHost: 1, maxResponseBytes: maxResponseBytes)
}

/// Why an admin API call gave no document.
enum AdminClientError: Error, Sendable {
    /// `RECIPES_URL` is not an http(s) URL.
    case badURL(String)
    /// No answer: the server is down, the URL wrong, or it took longer than the timeout.
    case unreachable(String)
    /// The server answered an error: its message, and the located errors of a refused start.
    case refused(status: Int, message: String, diagnostics: [String])
    /// The answer is not a document of this version.
    case badAnswer(String)
}

extension CommandLineTool {
    /// The admin API of a running server, when `RECIPES_URL` is set.
    func adminRemote() -> AdminRemote? { AdminRemote.fromEnvironment() }

    /// Calls the admin API; `nil` after printing why it failed (the located errors of a
    /// refused start first, as the database path prints them).
    func adminCall(_ remote: AdminRemote, _ method: HTTPMethod, _ path: String, query: [(String, String?)] = []) async -> JSONValue? {
        do {
            return try await remote.send(method, path, query: query)
        } catch {
            switch error {
            case .badURL(let message), .unreachable(let message), .badAnswer(let message): console.err("recipes: \(message)")
            case .refused(_, let message, let diagnostics):
                diagnostics.forEach(console.err)
                console.err("recipes: \(message)")
            }
            return nil
        }
    }

    /// Reads an admin API document into values; `nil` after a message when it does not read.
    func readAnswer<T>(_ remote: AdminRemote, _ read: () throws(OperatorInputError) -> T) -> T? {
        do { return try read() } catch {
            console.err("recipes: the answer of the server at \(remote.baseURL) does not read: \(error.message)")
            return nil
        }
    }
}
