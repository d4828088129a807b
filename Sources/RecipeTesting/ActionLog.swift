import RecipeData
import RecipeEngine
import Synchronization

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
