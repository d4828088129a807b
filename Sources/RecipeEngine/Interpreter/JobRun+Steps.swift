import Foundation
import RecipeData
import RecipeExpressions
import RecipeModel

extension JobRun {
    /// Runs steps in order until one ends the job (`stop`, `return`) or fails.
    func execute(_ steps: [Step], in frame: inout Frame) async throws(JobError) -> Flow {
        for step in steps {
            let flow = try await execute(step, in: &frame)
            if case .next = flow { continue }
            return flow
        }
        return .next
    }

    func execute(_ step: Step, in frame: inout Frame) async throws(JobError) -> Flow {
        // One clock read per step start: the budget check and the step record share it.
        let now = clock.now()
        try checkBudget(before: step, in: frame, now: now)
        switch step.kind {
        case .action, .call, .notify, .try:
            return try await guarded(step, in: &frame, startedAt: now)
        case .condition(let condition):
            let recorder = begin(step, .condition, in: frame, at: now)
            let value = try recorder.fail(on: { () throws(JobError) in try evaluate(condition.condition, in: frame, step: step) })
            let taken = value.isTruthy
            end(recorder, output: ["condition": .bool(taken)])
            return try await execute(taken ? condition.then : condition.otherwise, in: &frame)
        case .loop(let loop):
            return try await runLoop(loop, step: step, in: &frame, startedAt: now)
        case .set(let assignments):
            let recorder = begin(step, .set, in: frame, at: now)
            var values = JSONObject(minimumCapacity: assignments.count)
            for assignment in assignments {
                let value = try recorder.fail(on: { () throws(JobError) in try render(assignment.value, in: frame, step: step) })
                values[assignment.name] = value
                frame.vars[assignment.name] = value
            }
            frame.setOutput(.object(values), of: step)
            end(recorder, output: .object(values))
            return .next
        case .stop(let stop):
            let recorder = begin(step, .stop, in: frame, at: now)
            let message = try recorder.fail(on: { () throws(JobError) -> String? in
                guard let template = stop.message else { return nil }
                return try render(template, in: frame, step: step).templateText
            })
            end(
                recorder,
                output: ["failed": .bool(stop.failed), "skipped": .bool(stop.skipped), "message": message.map(JSONValue.string) ?? .null])
            return .stopped(failed: stop.failed, skipped: stop.skipped, message: message)
        case .return(let template):
            let recorder = begin(step, .return, in: frame, at: now)
            let value = try recorder.fail(on: { () throws(JobError) in
                let value = try render(template, in: frame, step: step)
                try checkResult(value, of: frame.recipe, step: step)
                return value
            })
            end(recorder, output: value)
            return .returned(value)
        }
    }

    private func runLoop(_ loop: LoopStep, step: Step, in frame: inout Frame, startedAt now: Date) async throws(JobError) -> Flow {
        let recorder = begin(step, .loop, in: frame, at: now)
        let items = try recorder.fail(on: { () throws(JobError) -> [JSONValue] in
            let value = try evaluate(loop.items, in: frame, step: step)
            switch value {
            case .null: return []
            case .array(let items): return items
            default:
                throw failure("foreach needs an array, but the expression gave \(value.typeName)", type: .expression, step: step, in: frame)
            }
        })
        if items.count > limits.maxLoopIterations {
            let error = failure(
                "foreach over \(items.count) items exceeds the limit of \(limits.maxLoopIterations) iterations",
                type: .limit, step: step, in: frame)
            end(recorder, error: error)
            throw error
        }
        let saved = (frame.locals[loop.itemName], frame.locals[loop.indexName])
        defer {
            frame.locals[loop.itemName] = saved.0
            frame.locals[loop.indexName] = saved.1
        }
        for (index, item) in items.enumerated() {
            frame.locals[loop.itemName] = item
            frame.locals[loop.indexName] = .int(index)
            frame.iterations.append(index)
            let flow: Flow
            do {
                flow = try await execute(loop.steps, in: &frame)
            } catch {
                frame.iterations.removeLast()
                end(recorder, error: error)
                throw error
            }
            frame.iterations.removeLast()
            if case .next = flow { continue }
            end(recorder, output: ["count": .int(items.count), "completed": .int(index + 1)])
            return flow
        }
        let output: JSONValue = ["count": .int(items.count)]
        frame.setOutput(output, of: step)
        end(recorder, output: output)
        return .next
    }

    /// Counts the step against the job's step limit and checks the job's deadline.
    private func checkBudget(before step: Step, in frame: Frame, now: Date) throws(JobError) {
        stepsRun += 1
        if stepsRun > limits.maxStepsPerJob {
            throw failure(
                "job exceeded the limit of \(limits.maxStepsPerJob) steps", type: .limit, step: step, in: frame)
        }
        if now >= deadline {
            throw failure(
                "job exceeded its timeout of \(limits.jobTimeout.milliseconds / 1000)s", type: .timeout, step: step,
                in: frame)
        }
    }
}
