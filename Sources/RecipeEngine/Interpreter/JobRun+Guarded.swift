import Foundation
import RecipeData
import RecipeModel

extension JobRun {
    /// Runs a step that may fail and be retried (action, call, notify, try): up to
    /// `retry.retries` more attempts for retryable failures, waiting the policy's backoff (or
    /// the vendor's `Retry-After` when longer, up to `RetryPolicy.maxDelay`); then the step's
    /// `onError` (or the try block's `catch`) steps handle the failure, or it fails the job.
    func guarded(_ step: Step, in frame: inout Frame, startedAt now: Date) async throws(JobError) -> Flow {
        let recorder = begin(step, recordKind(of: step), in: frame, at: now)
        let policy = step.retry ?? RetryPolicy(retries: 0)
        // A step resumed after a crash goes on from the attempt that was in flight.
        var attempt = (journal?.startedAttempts(at: recorder.path) ?? 0) + 1
        while true {
            let outcome: Result<(flow: Flow, output: JSONValue?, status: StepStatus), JobError>
            do {
                outcome = .success(try await attemptOnce(step, in: &frame, recorder: recorder, attempt: attempt))
            } catch {
                outcome = .failure(error)
            }
            let failure: JobError
            switch outcome {
            case .success(let done):
                end(recorder, output: done.output, status: done.status, attempts: attempt)
                try await journalEnded(recorder, step: step, in: frame)
                return done.flow
            case .failure(let error):
                failure = error
            }
            // The journal could not record the step, or the job is suspended: stop here, with
            // nothing retried or handled (that would act again unrecorded); the job resumes from
            // its journal later.
            if failure.type == .journal || failure.type == .suspended {
                end(recorder, error: failure, status: failure.type == .suspended ? .running : nil, attempts: attempt)
                throw failure
            }
            // The vendor's Retry-After is honoured up to `RetryPolicy.maxDelay`; a longer wait is
            // not taken (retrying sooner would only be refused again): the step fails, still
            // retryable, for a later re-run.
            let asked = failure.retryAfter ?? .zero
            if failure.retryable, attempt <= policy.retries, asked <= RetryPolicy.maxDelay {
                let delay = max(interpreter.jitter(policy.delay(beforeRetry: attempt)), asked)
                if let longest = interpreter.maxInProcessWait, delay > longest {
                    var suspension = self.failure(
                        "waiting \(delay.milliseconds / 1000) s to retry step '\(step.id)' (attempt \(attempt + 1) of \(policy.retries + 1)) after: \(failure.message)",
                        type: .suspended, step: step, in: frame)
                    suspension.retryAfter = delay
                    end(recorder, error: suspension, status: .running, attempts: attempt)
                    throw suspension
                }
                do {
                    try await clock.sleep(for: delay)
                } catch {
                    let cancelled = self.failure("job was cancelled while waiting to retry", type: .timeout, step: step, in: frame)
                    end(recorder, error: cancelled, attempts: attempt)
                    throw cancelled
                }
                attempt += 1
                continue
            }
            let handlers = handlerSteps(of: step)
            guard !handlers.isEmpty else {
                end(recorder, error: failure, attempts: attempt)
                try await journalEnded(recorder, step: step, in: frame)
                throw failure
            }
            end(recorder, error: failure, status: .handled, attempts: attempt)
            try await journalEnded(recorder, step: step, in: frame)
            frame.setOutput(.null, of: step)
            let saved = frame.locals[ExpressionNames.error]
            frame.locals[ExpressionNames.error] = failure.redacted(by: interpreter.redactor).jsonValue
            defer { frame.locals[ExpressionNames.error] = saved }
            return try await execute(handlers, in: &frame)
        }
    }

    private func handlerSteps(of step: Step) -> [Step] {
        if case .try(let block) = step.kind, !block.catchSteps.isEmpty { return block.catchSteps }
        return step.onError ?? []
    }

    private func recordKind(of step: Step) -> StepRecordKind {
        switch step.kind {
        case .action: .action
        case .call(let call): call.async ? .asyncCall : .call
        case .notify: .notify
        default: .try
        }
    }

    /// One attempt; returns how the step list should go on, the step's output and its status.
    private func attemptOnce(
        _ step: Step, in frame: inout Frame, recorder: StepRecorder, attempt: Int
    ) async throws(JobError) -> (Flow, JSONValue?, StepStatus) {
        switch step.kind {
        case .action(let action):
            let input = try render(action.input, in: frame, step: step)
            setInput(input, of: recorder)
            if let replayed = journal?.completedOutput(at: recorder.path) {
                frame.setOutput(replayed, of: step)
                return (.next, replayed, .replayed)
            }
            try replayFailure(at: recorder.path)
            let output = try await perform(action, input: input, step: step, in: frame, recorder: recorder, attempt: attempt)
            frame.setOutput(output, of: step)
            return (.next, output, .succeeded)
        case .call(let call):
            let (output, status) = try await performCall(call, step: step, in: frame, recorder: recorder, attempt: attempt)
            frame.setOutput(output, of: step)
            return (.next, output, status)
        case .notify(let notify):
            let (output, status) = try await send(notify, step: step, in: frame, recorder: recorder, attempt: attempt)
            frame.setOutput(output, of: step)
            return (.next, output, status)
        case .try(let block):
            let flow = try await execute(block.steps, in: &frame)
            frame.setOutput(.null, of: step)
            return (flow, nil, .succeeded)
        default:
            preconditionFailure("guarded(_:) runs action, call, notify and try steps only")
        }
    }
}
