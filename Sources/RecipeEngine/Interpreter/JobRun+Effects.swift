import RecipeData
import RecipeModel

extension JobRun {
    /// Performs a connector action and classifies its failure.
    func perform(
        _ action: ActionStep, input: JSONValue, step: Step, in frame: Frame, recorder: StepRecorder, attempt: Int
    ) async throws(JobError) -> JSONValue {
        let path = recorder.path
        let label = "\(action.connection).\(action.action)"
        guard let connector = interpreter.connectors[action.connection] else {
            throw failure(
                "no connection '\(action.connection)' is configured for action \(label)", type: .connector, step: step,
                in: frame)
        }
        try checkPayload(input, what: "input of \(label)", recipe: frame.recipe, step: step)
        try await journalStarted(recorder, step: step, in: frame, attempt: attempt, announce: !connector.isIdempotent(action.action))
        let request = ActionRequest(
            connection: action.connection, action: action.action, input: input, attempt: attempt, jobID: jobID,
            path: path)
        let output: JSONValue
        do {
            if let tracing = connector.tracing {
                let (result, requests) = await tracing.performTraced(request)
                record(requests: requests, on: recorder)
                output = try result.get()
            } else {
                output = try await connector.perform(request)
            }
        } catch let error as ConnectorError {
            // Connectors may already name the action at the start of their message.
            var detail = Substring(error.message)
            if detail.hasPrefix(label + ": ") { detail = detail.dropFirst(label.count + 2) }
            var jobError = failure("\(label) failed: \(detail)", type: .connector, step: step, in: frame)
            jobError.status = error.status
            jobError.retryable = error.retryable
            jobError.retryAfter = error.retryAfter
            jobError.details = error.details
            throw jobError
        } catch {
            throw failure("\(label) failed: \(error)", type: .connector, step: step, in: frame)
        }
        try checkPayload(output, what: "result of \(label)", recipe: frame.recipe, step: step)
        return output
    }

    /// Calls a sub-recipe: synchronously in this job (its steps are recorded under the call's
    /// path), or asynchronously by queueing a job of its own.
    func performCall(
        _ call: CallStep, step: Step, in frame: Frame, recorder: StepRecorder, attempt: Int
    ) async throws(JobError) -> (JSONValue, StepStatus) {
        guard let calleeID = project.resolve(call.target, from: frame.recipe.id), let callee = project.recipes[calleeID] else {
            throw failure("no recipe '\(call.target)' to call", type: .call, step: step, in: frame)
        }
        var input = JSONObject(minimumCapacity: call.input.count)
        for assignment in call.input {
            input[assignment.name] = try render(assignment.value, in: frame, step: step)
        }
        setInput(.object(input), of: recorder)
        try checkPayload(.object(input), what: "input of the call of '\(calleeID)'", recipe: frame.recipe, step: step)
        if let replayed = journal?.completedOutput(at: recorder.path) { return (replayed, .replayed) }
        try replayFailure(at: recorder.path)
        try await journalStarted(recorder, step: step, in: frame, attempt: attempt, announce: call.async)
        if call.async {
            guard asyncCallsBefore + asyncCalls.count < limits.maxAsyncCallsPerJob else {
                throw failure(
                    "job exceeded the limit of \(limits.maxAsyncCallsPerJob) asynchronous calls, counted over all the jobs"
                        + " its trigger started", type: .limit, step: step, in: frame)
            }
            let childID = JobIdentifiers.derived(parent: jobID, path: recorder.path)
            asyncCalls.append(AsyncCall(recipe: calleeID, input: .object(input), jobID: childID))
            return (["queued": true, "recipe": .string(calleeID.description), "jobId": .string(childID)], .succeeded)
        }
        guard frame.callDepth < limits.maxCallDepth else {
            throw failure(
                "call of '\(calleeID)' exceeds the call depth limit of \(limits.maxCallDepth)", type: .limit,
                step: step, in: frame)
        }
        let bound: JSONValue
        do {
            bound = try bind(.object(input), to: callee)
        } catch {
            throw failure(error.message, type: .input, step: step, in: frame)
        }
        var child = Frame(recipe: callee, trigger: bound, job: frame.job, callers: frame.callers + [frame.segment(for: step)])
        switch try await execute(callee.steps, in: &child) {
        case .next: return (.null, .succeeded)
        case .returned(let value): return (value, .succeeded)
        case .stopped(let failed, _, let message):
            guard failed else { return (.null, .succeeded) }
            throw JobError(
                type: .stopped, message: message ?? "'\(calleeID)' stopped as failed", recipe: calleeID.description)
        }
    }

    /// Sends a `notify` e-mail through the configured notifier.
    func send(
        _ notify: NotifyStep, step: Step, in frame: Frame, recorder: StepRecorder, attempt: Int
    ) async throws(JobError) -> (JSONValue, StepStatus) {
        let to = try render(notify.to, in: frame, step: step).templateText
        let subject = try render(notify.subject, in: frame, step: step).templateText
        let body = try render(notify.body, in: frame, step: step).templateText
        let summary: JSONValue = ["to": .string(to), "subject": .string(subject)]
        setInput(summary, of: recorder)
        if let replayed = journal?.completedOutput(at: recorder.path) { return (replayed, .replayed) }
        try replayFailure(at: recorder.path)
        guard to.contains("@") else {
            throw failure("notification address '\(to)' is not an e-mail address", type: .notification, step: step, in: frame)
        }
        try await journalStarted(recorder, step: step, in: frame, attempt: attempt)
        do {
            try await interpreter.notifier.send(MailNotification(to: to, subject: subject, body: body))
        } catch {
            var jobError = failure("sending the notification failed: \(error)", type: .notification, step: step, in: frame)
            jobError.retryable = true
            throw jobError
        }
        let output: JSONValue = ["to": .string(to), "subject": .string(subject), "sent": .bool(interpreter.notifier.delivers)]
        return (output, .succeeded)
    }
}
