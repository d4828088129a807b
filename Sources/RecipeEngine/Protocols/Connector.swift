import RecipeData

/// A connection the interpreter can ask to perform actions: the HiBob, Docebo, Greenhouse...
/// connectors, or an in-memory double in tests.
///
/// Connectors hold their own credentials; nothing secret passes through requests, results or
/// the job trace.
public protocol Connector: Sendable {
    /// Performs one action. Throw `ConnectorError` to describe failures so the interpreter can
    /// decide whether to retry; any other error is treated as a non-retryable failure.
    func perform(_ request: ActionRequest) async throws -> JSONValue

    /// The same connector as a `TracingConnector`, when it reports its requests (a protocol
    /// requirement rather than an `as?` cast, which cost a measurable share of a step).
    var tracing: (any TracingConnector)? { get }

    /// Whether `action` only reads (repeating it changes nothing at the vendor): the journal
    /// then writes no `started` entry before it, since an attempt in flight at a crash is
    /// simply made again. Writes (the default) are announced before every attempt.
    func isIdempotent(_ action: String) -> Bool
}

extension Connector {
    public var tracing: (any TracingConnector)? { nil }
    public func isIdempotent(_ action: String) -> Bool { false }
}

extension TracingConnector {
    public var tracing: (any TracingConnector)? { self }
}

/// A connector that also reports the requests it made for an action (each HTTP attempt, token
/// requests and dedupe checks included), so the job trace shows them.
public protocol TracingConnector: Connector {
    /// The action's output or failure, and one JSON object per request made.
    func performTraced(_ request: ActionRequest) async -> (output: Result<JSONValue, ConnectorError>, requests: [JSONValue])
}

/// One action call, as a connector receives it.
public struct ActionRequest: Sendable {
    /// The connection name used in the recipe (`"hibob"`).
    public var connection: String
    /// The action name (`"get_employee"`).
    public var action: String
    /// The rendered input mapping.
    public var input: JSONValue
    /// 1 for the first attempt, 2 for the first retry...
    public var attempt: Int
    /// The job and the step path this request belongs to.
    public var jobID: String
    public var path: StepPath

    public init(connection: String, action: String, input: JSONValue, attempt: Int = 1, jobID: String, path: StepPath) {
        self.connection = connection
        self.action = action
        self.input = input
        self.attempt = attempt
        self.jobID = jobID
        self.path = path
    }

    /// Stable across retries and crash-resume of the same step of the same job, so connectors
    /// whose APIs accept one can make writes idempotent. Built on demand: most actions are
    /// reads that never ask for it.
    public var idempotencyKey: String { Self.idempotencyKey(jobID: jobID, path: path) }

    /// The key of the step at `path` of job `jobID` (the journal records it too).
    public static func idempotencyKey(jobID: String, path: StepPath) -> String { "\(jobID):\(path)" }
}

/// A failed action, classified so the interpreter knows whether retrying can help.
public struct ConnectorError: Error, Sendable, Hashable {
    public enum Kind: String, Sendable, Hashable {
        /// The vendor answered with an HTTP error status.
        case http
        /// The vendor asked us to slow down (HTTP 429).
        case rateLimited
        /// No answer in time.
        case timeout
        /// The connection could not be made or broke.
        case network
        /// The request was refused before being sent (bad input, unknown action).
        case invalidRequest
        /// No such connection or action.
        case unknownAction
    }

    public var kind: Kind
    public var message: String
    /// The HTTP status, when there was one.
    public var status: Int?
    /// Whether the same request may succeed later.
    public var retryable: Bool
    /// How long the vendor asked us to wait, when it said; at most `retryAfterCeiling`.
    public var retryAfter: Duration?
    /// The vendor's error body or other facts for the trace (never credentials).
    public var details: JSONValue?

    /// The longest wait the engine reads from a vendor (a `Retry-After` header, a mocks file):
    /// longer requests are read as this one day, which is past every limit the client and the
    /// steps wait for, so the step fails (retryably) instead of stalling.
    public static let retryAfterCeiling: Duration = .seconds(86_400)

    public init(
        _ kind: Kind, _ message: String, status: Int? = nil, retryable: Bool? = nil, retryAfter: Duration? = nil,
        details: JSONValue? = nil
    ) {
        self.kind = kind
        self.message = message
        self.status = status
        self.retryAfter = retryAfter
        self.details = details
        self.retryable = retryable ?? Self.defaultRetryable(kind, status: status)
    }

    /// 429, 408 and 5xx statuses, timeouts and network failures are worth retrying; other
    /// 4xx statuses and refused requests are not.
    static func defaultRetryable(_ kind: Kind, status: Int?) -> Bool {
        switch kind {
        case .rateLimited, .timeout, .network: return true
        case .invalidRequest, .unknownAction: return false
        case .http:
            guard let status else { return false }
            return status == 408 || status == 429 || status >= 500
        }
    }
}

/// The connectors of a run, by connection name.
public struct ConnectorRegistry: Sendable {
    private var connectors: [String: any Connector]

    public init(_ connectors: [String: any Connector] = [:]) {
        self.connectors = connectors
    }

    public subscript(connection: String) -> (any Connector)? {
        get { connectors[connection] }
        set { connectors[connection] = newValue }
    }

    public var connectionNames: [String] { connectors.keys.sorted() }
}
