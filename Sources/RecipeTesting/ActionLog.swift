import RecipeData
import RecipeEngine
import Synchronization

/// One connector action a test case's job tree called: its attempts of one step together.
public struct ActionCall: Sendable {
    /// `connection.action`.
    public var action: String
    /// The input of the last attempt (the same for every attempt of a step).
    public var input: JSONValue
    public var attempts: Int
}

/// Every action request of a test case, across the connections, in the order made.
final class ActionLog: Sendable {
    private let requests = Mutex<[ActionRequest]>([])

    func append(_ request: ActionRequest) { requests.withLock { $0.append(request) } }

    /// The calls: consecutive attempts of the same step of the same job are one call.
    var calls: [ActionCall] {
        var calls: [ActionCall] = []
        var last: (job: String, path: StepPath)?
        for request in requests.withLock({ $0 }) {
            if let previous = last, previous.job == request.jobID, previous.path == request.path, request.attempt > 1 {
                calls[calls.count - 1].attempts += 1
                calls[calls.count - 1].input = request.input
            } else {
                calls.append(ActionCall(action: "\(request.connection).\(request.action)", input: request.input, attempts: 1))
            }
            last = (request.jobID, request.path)
        }
        return calls
    }
}

/// A scripted connector whose requests also go to the case's `ActionLog`.
struct LoggingConnector: Connector {
    let base: ScriptedConnector
    let log: ActionLog

    func perform(_ request: ActionRequest) async throws -> JSONValue {
        log.append(request)
        return try await base.perform(request)
    }
}
