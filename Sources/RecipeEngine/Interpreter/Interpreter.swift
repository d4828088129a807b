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
        self.makeJobID = { Self.randomUUID() }
        self.makeUUID = { Self.randomUUID() }
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

    /// A random (version 4) UUID in lowercase text, from the system's random generator without
    /// opening a file per call as Foundation's `UUID()` does on Linux.
    static func randomUUID() -> String {
        var generator = SystemRandomNumberGenerator()
        var bytes = (0..<16).map { _ in UInt8.random(in: 0...255, using: &generator) }
        bytes[6] = bytes[6] & 0x0F | 0x40
        bytes[8] = bytes[8] & 0x3F | 0x80
        let hex = Array("0123456789abcdef")
        var text = ""
        text.reserveCapacity(36)
        for (index, byte) in bytes.enumerated() {
            if [4, 6, 8, 10].contains(index) { text.append("-") }
            text.append(hex[Int(byte >> 4)])
            text.append(hex[Int(byte & 0x0F)])
        }
        return text
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
