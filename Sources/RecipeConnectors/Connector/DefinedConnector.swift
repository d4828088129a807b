// A `Connector` that executes a declarative connector definition for one connection: renders
// the action's request, sends it through the connection's pipeline, pages, and extracts the
// output or maps the vendor's error.
import Foundation
import RecipeData
import RecipeEngine
import RecipeExpressions
import RecipeHTTPCore

/// Receives the HTTP attempts of every action call, for the job trace.
public typealias AttemptObserver = @Sendable (_ request: ActionRequest, _ attempts: [AttemptRecord]) -> Void

/// The outcome of one action call together with the HTTP attempts it took.
public struct ActionResult: Sendable {
    public var output: Result<JSONValue, ConnectorError>
    public var attempts: [AttemptRecord]
}

/// One connection's connector, built by `ConnectorSetup` from a definition.
public final class DefinedConnector: TracingConnector {
    public let connection: String
    public let definition: ConnectorDefinition
    let base: URLParts
    let settings: JSONValue
    let sender: RequestSender
    let actionBuckets: [String: TokenBucket]
    let redactor: Redactor
    let timeout: Duration
    let observer: AttemptObserver?

    init(
        connection: String, definition: ConnectorDefinition, base: URLParts, settings: JSONValue, sender: RequestSender,
        actionBuckets: [String: TokenBucket], redactor: Redactor, timeout: Duration, observer: AttemptObserver?
    ) {
        self.connection = connection
        self.definition = definition
        self.base = base
        self.settings = settings
        self.sender = sender
        self.actionBuckets = actionBuckets
        self.redactor = redactor
        self.timeout = timeout
        self.observer = observer
    }

    public func isIdempotent(_ action: String) -> Bool { definition.actions[action]?.idempotent ?? false }

    /// The purpose of the requests of the action itself (not a check or a page).
    static let actionPurpose = "action"

    /// Performs the action; attempts go to the observer, and into `details.attempts` of errors.
    public func perform(_ request: ActionRequest) async throws -> JSONValue {
        let result = await performWithTrace(request)
        observer?(request, result.attempts)
        return try result.output.get()
    }

    public func performTraced(_ request: ActionRequest) async -> (output: Result<JSONValue, ConnectorError>, requests: [JSONValue]) {
        let result = await performWithTrace(request)
        observer?(request, result.attempts)
        return (result.output, result.attempts.map(\.json))
    }

    /// Performs the action and returns its output or error with every HTTP attempt made.
    public func performWithTrace(_ request: ActionRequest) async -> ActionResult {
        let log = AttemptLog()
        do {
            let output = try await run(request.action, input: request.input, request: request, purpose: Self.actionPurpose, log: log)
            return ActionResult(output: .success(output), attempts: log.records)
        } catch {
            var failure = error
            var details = failure.details?.objectValue ?? JSONObject()
            details["attempts"] = .array(log.records.map(\.json))
            failure.details = redactor.redact(.object(details))
            failure.message = redactor.redact(failure.message)
            return ActionResult(output: .failure(failure), attempts: log.records)
        }
    }

    func run(
        _ name: String, input: JSONValue, request: ActionRequest, purpose: String, log: AttemptLog
    ) async throws(ConnectorError) -> JSONValue {
        guard let action = definition.actions[name] else {
            let hint = Suggestion.didYouMean(name, among: definition.actions.keys.sorted())
            throw ConnectorError(.unknownAction, "connector '\(definition.name)' has no action '\(name)'\(hint)")
        }
        var scope: [String: JSONValue] = [
            "input": input, "settings": settings,
            "request": [
                "idempotencyKey": .string(request.idempotencyKey), "jobId": .string(request.jobID), "attempt": .int(request.attempt),
            ],
        ]
        // A later attempt of a write (a step retry, or a job resumed after a crash with this
        // write in flight) may follow a first attempt the vendor carried out: the dedupe check
        // runs before anything is sent, and what it finds is the action's output.
        if purpose == Self.actionPurpose, request.attempt > 1, case .check(let checkAction, let template)? = action.dedupe {
            let checkInput = try render(template, scope, action, field: "dedupe.check.input")
            let found = try await run(checkAction, input: checkInput, request: request, purpose: "check", log: log)
            if !found.isNull { return found }
        }
        guard let pagination = action.pagination else {
            switch try await exchange(action, scope: scope, request: request, purpose: purpose, log: log) {
            case .final(let output): return output
            case .response(let response):
                scope["response"] = response
                return try render(action.output, scope, action, field: "output")
            }
        }
        scope["page"] = try render(pagination.state, scope, action, field: "pagination.state")
        var items: [JSONValue] = []
        for number in 1...pagination.maxPages {
            let pagePurpose = number == 1 ? purpose : "\(purpose) page \(number)"
            switch try await exchange(action, scope: scope, request: request, purpose: pagePurpose, log: log) {
            case .final(let output): return output
            case .response(let response): scope["response"] = response
            }
            let page = try render(pagination.items, scope, action, field: "pagination.items")
            let found = try matching(page.arrayValue ?? (page.isNull ? [] : [page]), action, input: input)
            items += found
            if action.stopAtFirstMatch && !found.isEmpty { break }
            let next = try render(pagination.next, scope, action, field: "pagination.next")
            if next.isNull { break }
            if number == pagination.maxPages {
                throw ConnectorError(
                    .http, "\(label(action)): still more results after \(pagination.maxPages) pages (maxPages)", retryable: false)
            }
            scope["page"] = next
        }
        scope["items"] = .array(items)
        return try render(action.output, scope, action, field: "output")
    }

    private func matching(_ items: [JSONValue], _ action: ActionDefinition, input: JSONValue) throws(ConnectorError) -> [JSONValue] {
        guard let match = action.match else { return items }
        var kept: [JSONValue] = []
        for item in items {
            do {
                if try match.evaluate(in: ValueScope(["item": item, "input": input, "settings": settings])).isTruthy {
                    kept.append(item)
                }
            } catch {
                throw ConnectorError(.invalidRequest, "\(label(action)): match: \(error.message)")
            }
        }
        return kept
    }

    enum Exchange {
        /// The response as `{status, headers, body}`, for output and pagination templates.
        case response(JSONValue)
        /// The action's output is decided (an `onStatus` entry, or a dedupe check's result).
        case final(JSONValue)
    }

    private func exchange(
        _ action: ActionDefinition, scope: [String: JSONValue], request: ActionRequest, purpose: String, log: AttemptLog
    ) async throws(ConnectorError) -> Exchange {
        let outgoing = try buildRequest(action, scope: scope)
        let outcome = try await sender.send(
            outgoing, purpose: purpose, safety: safety(action, scope: scope, request: request, log: log),
            actionBucket: actionBuckets[action.name], log: log)
        let response: HTTPResponse
        switch outcome {
        case .alreadyDone(let output): return .final(output)
        case .response(let answer): response = answer
        }
        let value = try responseValue(response, action)
        if let template = action.onStatus[response.status] {
            var scope = scope
            scope["response"] = value
            return .final(try render(template, scope, action, field: "onStatus.\(response.status)"))
        }
        guard (200..<300).contains(response.status) else { throw vendorError(response, value: value, action, scope: scope) }
        return .response(value)
    }

    private func safety(
        _ action: ActionDefinition, scope: [String: JSONValue], request: ActionRequest, log: AttemptLog
    ) throws(ConnectorError) -> RequestSender.Safety {
        switch action.dedupe {
        case .idempotencyKey: return .safe
        case .check(let checkAction, let template):
            let input = try render(template, scope, action, field: "dedupe.check.input")
            return .check { [self] () async throws(ConnectorError) -> JSONValue? in
                let found = try await run(checkAction, input: input, request: request, purpose: "check", log: log)
                // `JSONValue` is nil-literal expressible: spell out `.none` to mean "nothing found".
                return found.isNull ? Optional<JSONValue>.none : .some(found)
            }
        case nil: return action.idempotent ? .safe : .unsafe
        }
    }

    func render(_ template: Template, _ scope: [String: JSONValue], _ action: ActionDefinition, field: String) throws(ConnectorError) -> JSONValue {
        do {
            return try template.render(in: ValueScope(scope))
        } catch {
            throw ConnectorError(.invalidRequest, "\(label(action)): \(field): \(error.message)")
        }
    }

    func label(_ action: ActionDefinition) -> String { "\(connection).\(action.name)" }
}
