import Foundation
import RecipeData
import RecipeExpressions
import RecipeModel

/// The mutable state of one job while it runs: the step records, counters for the limits,
/// the deadline, and asynchronous calls waiting to start. Used by one task only.
final class JobRun {
    let interpreter: Interpreter
    let jobID: String
    let journal: (any StepJournal)?
    /// Values read from the world, replayed on resume (start time, `now()`).
    let observations: JobObservations
    let environment: EvaluationEnvironment
    var records: [StepRecord] = []
    var asyncCalls: [AsyncCall] = []
    /// Records (by index) whose step wrote a `started` journal entry and has not ended yet.
    var journaled: Set<Int> = []
    /// Asynchronous calls made by the jobs of this job's tree before it started.
    let asyncCallsBefore: Int
    var stepsRun = 0
    var deadline = Date.distantFuture
    var startedAt = Date()

    init(interpreter: Interpreter, jobID: String, journal: (any StepJournal)?, asyncCallsBefore: Int = 0) {
        self.interpreter = interpreter
        self.asyncCallsBefore = asyncCallsBefore
        self.jobID = jobID
        self.journal = journal
        let observations = JobObservations(jobID: jobID, journal: journal)
        self.observations = observations
        let clock = interpreter.clock
        self.environment = interpreter.evaluationEnvironment(jobID: jobID) { observations.date(.now) { clock.now() } }
    }

    var project: Project { interpreter.project }
    var limits: EngineLimits { interpreter.limits }
    var clock: any EngineClock { interpreter.clock }

    /// Runs the job's own recipe, then its error handler if it failed.
    func run(_ id: RecipeID, trigger: JSONValue, parentID: String?) async -> JobRecord {
        startedAt = observations.date(.startedAt) { clock.now() }
        deadline = startedAt.addingTimeInterval(Double(limits.jobTimeout.milliseconds) / 1000)
        var record = JobRecord(
            id: jobID, recipe: id.description, parentID: parentID, trigger: trigger, status: .succeeded,
            result: .null, message: nil, error: nil, startedAt: startedAt, finishedAt: startedAt, steps: [],
            children: [])
        guard let recipe = project.recipes[id] else {
            record.status = .failed
            record.error = JobError(type: .call, message: "no recipe '\(id)' in the project")
            return record
        }
        record.contentHash = recipe.contentHash.isEmpty ? nil : recipe.contentHash
        let job: JSONValue = [
            "id": .string(jobID), "recipe": .string(id.description),
            "startedAt": .string(Timestamp.iso8601(startedAt)),
        ]
        do throws(JobError) {
            try checkPayload(trigger, what: "trigger payload", recipe: recipe, step: nil)
            let input = try bind(trigger, to: recipe)
            if case .webhook(let webhook) = recipe.trigger, let filter = webhook.filter {
                let frame = Frame(recipe: recipe, trigger: input, job: job, callers: [])
                if !(try evaluate(filter, in: frame, step: nil).isTruthy) {
                    record.status = .skipped
                    record.message = "the trigger filter did not match"
                    return finish(record)
                }
            }
            var frame = Frame(recipe: recipe, trigger: input, job: job, callers: [])
            switch try await execute(recipe.steps, in: &frame) {
            case .next: break
            case .returned(let value): record.result = value
            case .stopped(let failed, let skipped, let message):
                record.message = message
                if skipped { record.status = .skipped }
                if failed {
                    throw JobError(type: .stopped, message: message ?? "stopped as failed", recipe: id.description)
                }
            }
        } catch where error.type == .suspended {
            record.status = .waiting
            record.error = error.redacted(by: interpreter.redactor)
        } catch {
            record.status = .failed
            let error = error.redacted(by: interpreter.redactor)
            record.error = error
            await runErrorHandler(of: recipe, error: error, trigger: trigger, job: job)
        }
        return finish(record)
    }

    private func finish(_ record: JobRecord) -> JobRecord {
        var record = record
        record.steps = records
        record.finishedAt = clock.now()
        return record
    }

    /// The recipe-level `onError` steps; their own failures are recorded, the job stays failed.
    private func runErrorHandler(of recipe: Recipe, error: JobError, trigger: JSONValue, job: JSONValue) async {
        guard !recipe.onError.isEmpty else { return }
        var frame = Frame(recipe: recipe, trigger: trigger, job: job, callers: [])
        frame.locals[ExpressionNames.error] = error.jsonValue
        do {
            _ = try await execute(recipe.onError, in: &frame)
        } catch {
            // Already recorded on the failing handler step.
        }
    }
}

/// How a list of steps ended.
enum Flow {
    case next
    case returned(JSONValue)
    case stopped(failed: Bool, skipped: Bool, message: String?)
}
