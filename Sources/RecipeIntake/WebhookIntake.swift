// The webhook intake's checks, as a pure function of a request: no store, no server.
//
// Contract (issue 8, "Order of checks at the webhook"), in this order:
//   1. size: a body over `bodyLimit` (from `Content-Length`, or the body read) → 413;
//   2. an unknown folder or connection → 404;
//   3. a method other than POST → 405 with `Allow: POST`;
//   4. a vendor ping (HiBob's "Ping test", unsigned) → 200, nothing else;
//   5. the signature → 401 when missing or wrong;
//   6. the body must be JSON → 400;
//   7. an `AcceptedDelivery`, which the caller stores before answering 200.
import Foundation
import RecipeConnectors
import RecipeData
import RecipeHTTPCore
import RecipeModel

/// Decides what to do with one request to `POST /webhooks/<folder>/<connection>`: the
/// contract's checks in their fixed order, ending in a ping, an accepted delivery or an
/// `IntakeError` (which `HTTPErrorRenderer` answers).
public struct WebhookIntake: Sendable {
    /// The largest body accepted by default: 1 MiB.
    public static let defaultBodyLimit = 1 << 20
    /// The path every webhook URL starts with.
    public static let pathPrefix = "webhooks"

    public let project: Project
    /// Webhook verifiers by connection name; a connection without one receives no webhooks.
    public let verifiers: [String: WebhookVerifier]
    /// The largest body, in bytes, that is accepted (413 above it).
    public var bodyLimit: Int
    /// The project's folders, and its webhook recipes by folder, connection and event in id
    /// order (`Project.recipes(receiving:from:in:)`), worked out once: the project an intake
    /// serves does not change under it, and sorting every recipe per delivery cost more than
    /// the signature check.
    private let folders: Set<String>
    private let routes: [RouteKey: [RecipeID]]

    private struct RouteKey: Hashable {
        var folder: String
        var connection: String
        var event: String
    }

    /// An intake for `project`'s folders and the connections that have `verifiers`.
    public init(project: Project, verifiers: [String: WebhookVerifier], bodyLimit: Int = Self.defaultBodyLimit) {
        self.project = project
        self.verifiers = verifiers
        self.bodyLimit = bodyLimit
        folders = Set(project.folders)
        var routes: [RouteKey: [RecipeID]] = [:]
        for recipe in project.sortedRecipes {
            guard case .webhook(let webhook) = recipe.trigger else { continue }
            for event in Set(webhook.events) {
                routes[RouteKey(folder: recipe.id.folder, connection: webhook.connection, event: event), default: []].append(recipe.id)
            }
        }
        self.routes = routes
    }

    /// The recipes of `folder` whose webhook trigger is on `connection` and lists `event`, in
    /// id order.
    public func recipes(receiving event: String, from connection: String, in folder: String) -> [RecipeID] {
        routes[RouteKey(folder: folder, connection: connection, event: event)] ?? []
    }

    /// The URL path that feeds `connection`'s webhooks to the recipes of `folder`.
    public static func path(folder: String, connection: String) -> String {
        "/\(pathPrefix)/\(PercentEncoding.encode(folder))/\(PercentEncoding.encode(connection))"
    }

    /// Checks a request whose path has not been matched yet: anything but
    /// `/webhooks/<folder>/<connection>` is `IntakeError.notAWebhookPath` (404), after the size.
    public func receive(_ request: HTTPRequest, at receivedAt: Date) throws(IntakeError) -> IntakeOutcome {
        try checkSize(request)
        let segments = request.path.split(separator: "/", omittingEmptySubsequences: true)
        guard segments.count == 3, segments[0] == Self.pathPrefix else { throw .notAWebhookPath(request.path) }
        let folder = PercentEncoding.decode(String(segments[1]), plusAsSpace: false)
        let connection = PercentEncoding.decode(String(segments[2]), plusAsSpace: false)
        return try receive(request, folder: folder, connection: connection, at: receivedAt)
    }

    /// Checks a request to the webhook URL of `folder` and `connection` (as a router's
    /// `/webhooks/{folder}/{connection}` binds them).
    public func receive(
        _ request: HTTPRequest, folder: String, connection: String, at receivedAt: Date
    ) throws(IntakeError) -> IntakeOutcome {
        try checkSize(request)
        guard folders.contains(folder) else { throw .unknownFolder(folder) }
        guard let verifier = verifiers[connection] else { throw .unknownConnection(connection) }
        guard request.method == .post else { throw .methodNotAllowed(request.method) }
        switch verifier.verify(headers: request.headers, body: request.body) {
        case .ping:
            return .ping(folder: folder, connection: connection)
        case .missingSignature:
            throw .missingSignature(connection: connection, header: verifier.scheme.header)
        case .invalidSignature:
            throw .invalidSignature(connection: connection)
        case .valid(let deliveryID):
            let payload: JSONValue
            do {
                payload = try JSONParser.parseValue(request.body, path: "webhook body")
            } catch {
                throw .malformedJSON(error.diagnostic.description)
            }
            return .accepted(
                accept(request, payload: payload, deliveryID: deliveryID, scheme: verifier.scheme,
                       folder: folder, connection: connection, at: receivedAt))
        }
    }

    /// 413 when the declared or actual body length is over the limit; a body exactly at the
    /// limit passes.
    private func checkSize(_ request: HTTPRequest) throws(IntakeError) {
        let declared = request.headers["Content-Length"].flatMap { Int($0.trimmingASCIIWhitespace()) }
        let length = max(declared ?? 0, request.body.count)
        if length > bodyLimit { throw .bodyTooLarge(length: length, limit: bodyLimit) }
    }
}
