// The query parameters of the admin API's lists, read through the same checked parsers as the
// command line's options (OperatorInput, OperatorTime), with the same messages.
import RecipeData
import RecipeHTTPCore
import RecipeStore

/// A query parameter that does not parse: 400 with the parser's message.
public struct AdminQueryError: Error, Sendable, Equatable, HTTPErrorConvertible {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var httpError: HTTPError { HTTPError(status: 400, code: "bad_query", message: message) }
}

/// Parses the query parameters of `GET jobs`, `GET deliveries` and `GET recipes`.
public enum AdminQuery {
    /// The longest value a text parameter (`recipe`, `folder`, `connection`) may have.
    public static let maxTextValue = 400

    /// `recipe`, `status`, `since`, `limit` (default `OperatorLimits.defaultListLimit`).
    public static func jobFilter(_ request: HTTPRequest, now: Int64) throws(AdminQueryError) -> JobFilter {
        let items = try parameters(request, allowed: ["recipe", "status", "since", "limit"])
        var filter = JobFilter(limit: OperatorLimits.defaultListLimit)
        filter.recipe = try text(items, "recipe")
        filter.status = try checked(items, "status", OperatorInput.jobStatus)
        filter.since = try checked(items, "since", OperatorTime.parseSince)?.resolve(now: now)
        filter.limit = try checked(items, "limit", OperatorInput.listLimit) ?? OperatorLimits.defaultListLimit
        return filter
    }

    /// `folder`, `connection`, `since`, `limit`.
    public static func deliveryFilter(_ request: HTTPRequest, now: Int64) throws(AdminQueryError) -> DeliveryFilter {
        let items = try parameters(request, allowed: ["folder", "connection", "since", "limit"])
        return DeliveryFilter(
            folder: try text(items, "folder"), connection: try text(items, "connection"),
            since: try checked(items, "since", OperatorTime.parseSince)?.resolve(now: now),
            limit: try checked(items, "limit", OperatorInput.listLimit) ?? OperatorLimits.defaultListLimit)
    }

    /// `folder` of `GET recipes`.
    public static func statusFolder(_ request: HTTPRequest) throws(AdminQueryError) -> String? {
        try text(try parameters(request, allowed: ["folder"]), "folder")
    }

    /// The parameters by name; an unknown or repeated name is refused.
    private static func parameters(_ request: HTTPRequest, allowed: [String]) throws(AdminQueryError) -> [String: String] {
        var items: [String: String] = [:]
        for (name, value) in request.queryItems {
            guard allowed.contains(name) else {
                throw AdminQueryError(
                    "unknown query parameter '\(DisplayText.line(name, limit: 40))' (one of \(allowed.joined(separator: ", ")))")
            }
            guard items[name] == nil else { throw AdminQueryError("\(name): given more than once") }
            items[name] = value
        }
        return items
    }

    private static func text(_ items: [String: String], _ name: String) throws(AdminQueryError) -> String? {
        guard let value = items[name] else { return nil }
        guard !value.isEmpty, value.utf8.count <= maxTextValue else {
            throw AdminQueryError("\(name): a name of 1 to \(maxTextValue) bytes")
        }
        return value
    }

    private static func checked<T>(
        _ items: [String: String], _ name: String, _ parse: (String) throws(OperatorInputError) -> T
    ) throws(AdminQueryError) -> T? {
        guard let value = items[name] else { return nil }
        do { return try parse(value) } catch { throw AdminQueryError("\(name): \(error.message)") }
    }
}
