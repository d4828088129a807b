// Keeps secrets out of traces, logs and errors. Every string that leaves the connector layer
// (error messages, vendor error bodies, attempt URLs) passes through a `Redactor`.
import Foundation
import RecipeData
import Synchronization

/// Replaces known secret values, and the values of sensitive headers, query parameters and
/// JSON members, with `[REDACTED]`.
///
/// Known secrets are every value read from a secret reference, the encodings under which they
/// travel (Basic `user:password` in Base64, percent-encoded), and the access tokens obtained
/// at run time (added as they arrive).
public final class Redactor: Sendable {
    public static let mask = "[REDACTED]"

    /// Header names whose values are always hidden (case-insensitive).
    static let sensitiveHeaders: Set<String> = [
        "authorization", "proxy-authorization", "cookie", "set-cookie", "x-api-key", "x-api-secret",
        "bob-signature", "signature", "x-hipeople-signature",
    ]
    /// Parts of member and parameter names whose values are always hidden.
    static let sensitiveNameParts = ["token", "secret", "password", "authorization", "apikey", "api_key", "api-key"]

    private let secrets: Mutex<[String]>

    public init(secrets: [String] = []) {
        self.secrets = Mutex([])
        for secret in secrets { add(secret) }
    }

    /// Adds a secret value (and its percent-encoded form); empty values are ignored.
    public func add(_ secret: String) {
        guard !secret.isEmpty else { return }
        let forms = Set([secret, PercentEncodingForm.encode(secret)])
        secrets.withLock { list in
            for form in forms where !list.contains(form) { list.append(form) }
            list.sort { $0.utf8.count > $1.utf8.count }
        }
    }

    /// Adds the Base64 form of HTTP Basic credentials (RFC 7617 §2).
    public func addBasic(username: String, password: String) {
        add(Data("\(username):\(password)".utf8).base64EncodedString())
        add(password)
    }

    /// Text with every known secret replaced. Secrets are found byte for byte in the UTF-8
    /// text (every string of a trace passes here, so no Foundation search on the way).
    public func redact(_ text: String) -> String {
        Self.redacted(text, secrets.withLock { $0 }) ?? text
    }

    /// `text` with `secrets` replaced, or `nil` when none occurs.
    private static func redacted(_ text: String, _ secrets: [String]) -> String? {
        var result: String?
        for secret in secrets where occurs(secret, in: result ?? text) {
            result = (result ?? text).replacingOccurrences(of: secret, with: mask)
        }
        return result
    }

    /// Whether `needle`'s UTF-8 bytes occur in `haystack`'s.
    package static func occurs(_ needle: String, in haystack: String) -> Bool {
        var needle = needle
        var haystack = haystack
        return needle.withUTF8 { needle in
            haystack.withUTF8 { haystack in
                guard let first = needle.first, needle.count <= haystack.count else { return false }
                let last = haystack.count - needle.count
                var start = 0
                while start <= last {
                    guard let found = haystack[start...last].firstIndex(of: first) else { return false }
                    if memcmp(haystack.baseAddress! + found, needle.baseAddress!, needle.count) == 0 { return true }
                    start = found + 1
                }
                return false
            }
        }
    }

    /// JSON with secrets replaced in strings, and sensitive members (`access_token`, ...) hidden.
    /// Only what changes is rebuilt: a trace without secrets comes back as it was.
    public func redact(_ value: JSONValue) -> JSONValue {
        Self.redacted(value, secrets.withLock { $0 }) ?? value
    }

    /// `value` redacted, or `nil` when nothing in it changes.
    private static func redacted(_ value: JSONValue, _ secrets: [String]) -> JSONValue? {
        switch value {
        case .string(let text):
            return redacted(text, secrets).map(JSONValue.string)
        case .array(let items):
            var result: [JSONValue]?
            for (index, item) in items.enumerated() {
                guard let changed = redacted(item, secrets) else { continue }
                if result == nil { result = items }
                result?[index] = changed
            }
            return result.map(JSONValue.array)
        case .object(let object):
            var result: JSONObject?
            for (key, member) in object {
                let changed: JSONValue? =
                    isSensitive(name: key) && !member.isNull
                    ? (member == .string(mask) ? nil : .string(mask)) : redacted(member, secrets)
                guard let changed else { continue }
                if result == nil { result = object }
                result?[key] = changed
            }
            return result.map(JSONValue.object)
        default:
            return nil
        }
    }

    /// A URL with sensitive query parameters and known secrets hidden.
    public func redact(url: String) -> String {
        guard let mark = url.firstIndex(of: "?") else { return redact(url) }
        let query = url[url.index(after: mark)...].split(separator: "&", omittingEmptySubsequences: false).map { pair in
            let name = pair.split(separator: "=", maxSplits: 1).first.map(String.init) ?? ""
            return Self.isSensitive(name: name) ? "\(name)=\(Self.mask)" : String(pair)
        }
        return redact(String(url[..<mark]) + "?" + query.joined(separator: "&"))
    }

    /// Headers with sensitive values hidden.
    public func redact(headers: [(name: String, value: String)]) -> [(name: String, value: String)] {
        headers.map { field in
            Self.sensitiveHeaders.contains(field.name.lowercased()) ? (field.name, Self.mask) : (field.name, redact(field.value))
        }
    }

    static func isSensitive(name: String) -> Bool {
        let lower = name.lowercased()
        return sensitiveHeaders.contains(lower) || sensitiveNameParts.contains { occurs($0, in: lower) }
    }
}

/// Percent-encoding as secrets may appear in form bodies and query strings.
enum PercentEncodingForm {
    static func encode(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: .alphanumerics.union(CharacterSet(charactersIn: "-._~"))) ?? text
    }
}
