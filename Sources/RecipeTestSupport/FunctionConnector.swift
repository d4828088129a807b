import RecipeData
import RecipeEngine
import Synchronization

/// An in-memory connector whose actions are closures, recording every request: tests build
/// small fake systems with it (a user directory, a failing API...).
public final class FunctionConnector: Connector {
    public typealias Handler = @Sendable (ActionRequest) async throws -> JSONValue

    private let handlers: [String: Handler]
    private let log = Mutex<[ActionRequest]>([])

    public init(_ handlers: [String: Handler]) {
        self.handlers = handlers
    }

    public var requests: [ActionRequest] { log.withLock { $0 } }

    public func requests(for action: String) -> [ActionRequest] { requests.filter { $0.action == action } }

    public func perform(_ request: ActionRequest) async throws -> JSONValue {
        log.withLock { $0.append(request) }
        guard let handler = handlers[request.action] else {
            throw ConnectorError(.unknownAction, "no action '\(request.action)'")
        }
        return try await handler(request)
    }
}

/// Answers every action with its own input: the cheapest connector, for benchmarks.
public struct EchoConnector: Connector {
    public init() {}
    public func perform(_ request: ActionRequest) async throws -> JSONValue { request.input }
}
