import Foundation
import RecipeData
import RecipeExpressions
import RecipeModel

/// Runs jobs of the recipes of a project: evaluates templates, performs connector actions,
/// follows sub-recipe calls, applies retries and error handlers, enforces limits, and records
/// every step in a `JobRecord`.
///
/// It is a value holding only immutable dependencies, so one interpreter serves any number of
/// concurrent jobs; each job's mutable state lives in its own `JobRun`.
public struct Interpreter: Sendable {
    public var project: Project
    public var connectors: ConnectorRegistry
    public var notifier: any Notifier
    public var clock: any EngineClock
    public var limits: EngineLimits
    /// Makes job ids (random UUIDs by default; tests inject a sequence).
    public var makeJobID: @Sendable () -> String
    /// Shortens a retry delay to spread retries (by default up to 20% less; tests pass it through).
    public var jitter: @Sendable (Duration) -> Duration
    /// What `uuid()` returns in expressions.
    public var makeUUID: @Sendable () -> String
    /// Scrubs secrets from step records and errors (the connector runtime's redactor).
    public var redactor: (any TraceRedactor)?

    public init(
        project: Project, connectors: ConnectorRegistry = ConnectorRegistry(),
        notifier: any Notifier = UnconfiguredNotifier(), clock: any EngineClock = SystemClock(),
        limits: EngineLimits = .default
    ) {
        self.project = project
        self.connectors = connectors
        self.notifier = notifier
        self.clock = clock
        self.limits = limits
        self.makeJobID = { JobIdentifiers.shared.next() }
        self.makeUUID = { UUID().uuidString.lowercased() }
        self.jitter = { delay in delay * Double.random(in: 0.8...1.0) }
    }

    /// Runs one job of `recipe` with `trigger` as its payload, then (in memory) the jobs its
    /// asynchronous calls queued.
    ///
    /// - Parameters:
    ///   - journal: steps already completed by an earlier run of the same job; their side
    ///     effects are not repeated.
    public func run(
        _ recipe: RecipeID, trigger: JSONValue, jobID: String? = nil, parentID: String? = nil,
        journal: (any StepJournal)? = nil
    ) async -> JobRecord {
        let job = JobRun(interpreter: self, jobID: jobID ?? makeJobID(), journal: journal)
        var record = await job.run(recipe, trigger: trigger, parentID: parentID)
        for call in job.asyncCalls {
            let child = await run(call.recipe, trigger: call.input, parentID: record.id)
            record.children.append(child)
        }
        return record
    }

    /// The evaluation environment jobs use: the project's lookup tables, the clock, the limits.
    var evaluationEnvironment: EvaluationEnvironment {
        let clock = self.clock
        return EvaluationEnvironment(
            tables: project.tables, now: { clock.now() }, makeUUID: makeUUID, limits: limits.expressions)
    }
}

/// A sub-recipe call queued by `"async": true`.
struct AsyncCall: Sendable {
    var recipe: RecipeID
    var input: JSONValue
}
