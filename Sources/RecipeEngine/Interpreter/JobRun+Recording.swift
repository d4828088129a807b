import Foundation
import RecipeData
import RecipeModel

/// A step record that has begun: the record is appended when the step starts, as `running` (so
/// the trace lists a caller before its callee's steps), and completed when it ends.
struct StepRecorder {
    let run: JobRun
    let index: Int
    let startedAt: Date
    /// The step's stable path (computed once per step).
    let path: StepPath

    /// Runs `body`; if it throws, the step is recorded as failed before the error goes on.
    func fail<T>(on body: () throws(JobError) -> T) throws(JobError) -> T {
        do {
            return try body()
        } catch {
            run.end(self, error: error)
            throw error
        }
    }
}

extension JobRun {
    func begin(_ step: Step, _ kind: StepRecordKind, in frame: Frame, at now: Date, input: JSONValue? = nil) -> StepRecorder {
        let path = frame.path(for: step)
        records.append(
            StepRecord(
                path: path, recipe: frame.recipeName, step: step.id, kind: kind,
                status: .running, input: input, output: nil, error: nil, attempts: 1, startedAt: now,
                duration: .zero))
        return StepRecorder(run: self, index: records.count - 1, startedAt: now, path: path)
    }

    func end(
        _ recorder: StepRecorder, output: JSONValue? = nil, error: JobError? = nil, status: StepStatus? = nil,
        attempts: Int? = nil
    ) {
        let elapsed = clock.now().timeIntervalSince(recorder.startedAt)
        let redactor = interpreter.redactor
        records[recorder.index].duration = Duration(clampingSeconds: elapsed, maximum: .saturation)
        records[recorder.index].output = redactor.map { r in output.map(r.redact) } ?? output
        records[recorder.index].error = error?.redacted(by: redactor)
        records[recorder.index].status = status ?? (error == nil ? .succeeded : .failed)
        if let attempts { records[recorder.index].attempts = attempts }
    }

    func record(requests: [JSONValue], on recorder: StepRecorder) {
        let redactor = interpreter.redactor
        records[recorder.index].requests += redactor.map { r in requests.map(r.redact) } ?? requests
    }

    func setInput(_ input: JSONValue, of recorder: StepRecorder) {
        records[recorder.index].input = interpreter.redactor?.redact(input) ?? input
    }

    /// A job error located at a step of the current frame.
    func failure(_ message: String, type: JobErrorType, step: Step?, in frame: Frame, location: SourceLocation? = nil) -> JobError {
        JobError(
            type: type, message: message, recipe: frame.recipeName, step: step?.id,
            location: location ?? step?.location)
    }
}

extension JobError {
    /// The `error` object handlers read: `{type, message, recipe, step, status, retryable}`.
    public var jsonValue: JSONValue {
        var object: JSONObject = ["type": .string(type.rawValue), "message": .string(message)]
        object["recipe"] = recipe.map(JSONValue.string) ?? .null
        object["step"] = step.map(JSONValue.string) ?? .null
        object["status"] = status.map(JSONValue.int) ?? .null
        object["retryable"] = .bool(retryable)
        if let location { object["location"] = .string(location.description) }
        if let details { object["details"] = details }
        return .object(object)
    }
}
