// One event the runtime handled, as named fields: the serve command turns each into one
// structured log line (docs/observability.md). Values are what the runtime knows (ids, names,
// statuses, counts), never a body, a header value or a secret.
import RecipeEngine
import RecipeStore

/// An event and its fields, in order.
public struct RuntimeLogLine: Sendable, Equatable {
    public var event: String
    public var fields: [(String, String)]
    public var isError: Bool

    public init(event: String, fields: [(String, String)], isError: Bool = false) {
        self.event = event
        self.fields = fields
        self.isError = isError
    }

    public static func == (lhs: RuntimeLogLine, rhs: RuntimeLogLine) -> Bool {
        lhs.event == rhs.event && lhs.isError == rhs.isError && lhs.fields.map(\.0) == rhs.fields.map(\.0)
            && lhs.fields.map(\.1) == rhs.fields.map(\.1)
    }

    /// The line of a worker event.
    public init(_ event: WorkerEvent) {
        switch event {
        case .claimed(let job, let resumed):
            self.init(
                event: resumed ? "job.resumed" : "job.claimed",
                fields: [("job", String(job.id)), ("recipe", job.job.recipe), ("attempt", String(job.attempts))])
        case .ended(let job, let end, let seconds):
            let ms = String(Int((seconds * 1000).rounded()))
            switch end {
            case .finished(_, let status):
                self.init(
                    event: "job.\(status.rawValue)", fields: [("job", String(job.id)), ("recipe", job.job.recipe), ("ms", ms)],
                    isError: status == .failed)
            case .abandoned(let reason):
                self.init(
                    event: "job.left", fields: [("job", String(job.id)), ("recipe", job.job.recipe), ("reason", reason)])
            }
        case .claimFailed(let error):
            self.init(event: "job.claim_failed", fields: [("error", String(describing: error))], isError: true)
        }
    }
}
