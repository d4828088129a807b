import Foundation
import RecipeData
import RecipeHTTPCore

/// Reading credentials and bodies out of requests, shared by every fake.
extension HTTPRequest {
    /// `(user, password)` from `Authorization: Basic base64(user:password)`, or `nil`.
    var basicCredentials: (user: String, password: String)? {
        guard let header = headers["Authorization"], header.lowercased().hasPrefix("basic ") else { return nil }
        let encoded = header.dropFirst(6).trimmingCharacters(in: .whitespaces)
        guard let data = Data(base64Encoded: encoded), let text = String(data: data, encoding: .utf8),
            let colon = text.firstIndex(of: ":")
        else { return nil }
        return (String(text[..<colon]), String(text[text.index(after: colon)...]))
    }

    /// The token of `Authorization: Bearer <token>`, or `nil`.
    var bearerToken: String? {
        guard let header = headers["Authorization"], header.lowercased().hasPrefix("bearer ") else { return nil }
        let token = header.dropFirst(7).trimmingCharacters(in: .whitespaces)
        return token.isEmpty ? nil : token
    }

    /// The body parsed as JSON; `nil` when empty or malformed.
    var jsonBody: JSONValue? {
        guard !body.isEmpty else { return nil }
        return try? JSONParser.parseValue(body)
    }

    /// The body parsed as `application/x-www-form-urlencoded` pairs.
    var formBody: [String: String] {
        var out: [String: String] = [:]
        for pair in bodyText.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let name = PercentEncoding.decode(String(parts[0]))
            out[name] = parts.count > 1 ? PercentEncoding.decode(String(parts[1])) : ""
        }
        return out
    }

    /// A query parameter as an integer, `nil` when absent, `.some(nil)` when not a number.
    func intQuery(_ name: String) -> Int?? {
        guard let text = query(name) else { return nil }
        return .some(Int(text))
    }
}

extension HTTPResponse {
    /// The response with `Retry-After` set.
    func retryAfter(_ seconds: Int) -> HTTPResponse {
        var copy = self
        copy.headers.set("Retry-After", String(seconds))
        return copy
    }

    /// An empty 204.
    static var noContent: HTTPResponse { HTTPResponse(status: 204) }
}

extension JSONValue {
    /// Builds an object from ordered pairs, dropping `nil` values.
    static func object(_ pairs: [(String, JSONValue?)]) -> JSONValue {
        var object = JSONObject(minimumCapacity: pairs.count)
        for (key, value) in pairs { if let value { object[key] = value } }
        return .object(object)
    }

    /// A string, or `null` for `nil`.
    static func optional(_ text: String?) -> JSONValue { text.map(JSONValue.string) ?? .null }
}
