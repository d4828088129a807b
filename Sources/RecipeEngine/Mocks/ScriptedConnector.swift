import RecipeData
import Synchronization

/// A connector that answers from a script instead of a vendor API: `recipes run --mocks FILE`
/// uses it to run recipes with no accounts (like n8n's pinned data), and tests use it to
/// script failures.
///
/// The mocks file maps connection → action → response or list of responses. A list is used
/// in order, one per call, and its last entry repeats:
/// ```json
/// {"hibob": {"get_employee": {"output": {"id": "3332883894235038486"}}},
///  "docebo": {"create_user": [{"error": {"status": 503, "message": "busy"}}, {"output": {"user_id": 12}}]}}
/// ```
/// An error entry has `status` (HTTP), `message`, optional `retryAfter` seconds (read as at
/// most `ConnectorError.retryAfterCeiling`, like a vendor's header), and
/// `kind` (`http` by default; `timeout`, `network`, `rateLimited`, `invalidRequest`).
public final class ScriptedConnector: Connector {
    public enum Response: Sendable, Hashable {
        case output(JSONValue)
        case failure(ConnectorError)
    }

    private let connection: String
    private let script: [String: [Response]]
    private let state = Mutex<State>(State())

    struct State {
        var calls: [ActionRequest] = []
        var used: [String: Int] = [:]
    }

    public init(connection: String, script: [String: [Response]]) {
        self.connection = connection
        self.script = script
    }

    /// Every request received so far, in order.
    public var requests: [ActionRequest] { state.withLock { $0.calls } }

    public func perform(_ request: ActionRequest) async throws -> JSONValue {
        let response: Response = try state.withLock { state in
            state.calls.append(request)
            guard let responses = script[request.action], !responses.isEmpty else {
                throw ConnectorError(
                    .unknownAction, "no mock response for \(connection).\(request.action)")
            }
            let index = state.used[request.action, default: 0]
            state.used[request.action] = index + 1
            return responses[min(index, responses.count - 1)]
        }
        switch response {
        case .output(let value): return value
        case .failure(let error): throw error
        }
    }
}

extension ScriptedConnector {
    /// Connectors for every connection of a mocks document (see the type's documentation);
    /// a malformed document is reported with the path of the bad entry.
    public static func registry(fromMocks document: JSONValue) throws(MockFormatError) -> [String: ScriptedConnector] {
        guard case .object(let connections) = document else { throw MockFormatError("the mocks file must hold an object of connections") }
        var result: [String: ScriptedConnector] = [:]
        for (connection, actionsValue) in connections {
            guard case .object(let actions) = actionsValue else {
                throw MockFormatError("\(connection): must be an object of actions")
            }
            var script: [String: [Response]] = [:]
            for (action, entry) in actions {
                let entries = entry.arrayValue ?? [entry]
                script[action] = try entries.enumerated().map { (index, item) throws(MockFormatError) in
                    try response(from: item, at: "\(connection).\(action)[\(index)]")
                }
            }
            result[connection] = ScriptedConnector(connection: connection, script: script)
        }
        return result
    }

    private static func response(from value: JSONValue, at path: String) throws(MockFormatError) -> Response {
        if let output = value["output"] { return .output(output) }
        guard let error = value["error"]?.objectValue else {
            throw MockFormatError("\(path): each response needs \"output\" or \"error\"")
        }
        let kind = error["kind"]?.stringValue.flatMap(ConnectorError.Kind.init(rawValue:)) ?? .http
        var retryAfter: Duration?
        if let seconds = error["retryAfter"] {
            guard let value = seconds.doubleValue, value >= 0 else {
                throw MockFormatError("\(path).error.retryAfter: must be a number of seconds, 0 or more")
            }
            retryAfter = Duration(clampingSeconds: value, maximum: ConnectorError.retryAfterCeiling)
        }
        return .failure(
            ConnectorError(
                kind, error["message"]?.stringValue ?? "mock failure", status: error["status"]?.intValue,
                retryAfter: retryAfter, details: error["details"]))
    }
}

public struct MockFormatError: Error, Sendable, CustomStringConvertible {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}
