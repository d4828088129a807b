import RecipeData
import RecipeModel

// Write-ahead journaling of side-effect steps (see StepJournal): `started` before every attempt
// acts on the outside world, `ended` once the step's outcome is known. A step replayed from the
// journal writes nothing; a step that failed before it acted (a bad input) writes only `ended`
// if it had started.
extension JobRun {
    /// A side-effect step whose earlier run ended in failure (after its retries) fails again
    /// the same way without acting: nothing is retried, and its handlers run as they did (their
    /// own steps replayed from the journal).
    func replayFailure(at path: StepPath) throws(JobError) {
        guard var failure = journal?.endedFailure(at: path) else { return }
        failure.retryable = false
        throw failure
    }

    /// Announces the attempt before the side effect; a journal that cannot record it stops the
    /// job before anything is sent. Without `announce` (an idempotent read, a synchronous call
    /// whose own steps are journaled) only the step's end is written; the values observed so
    /// far go with it.
    func journalStarted(
        _ recorder: StepRecorder, step: Step, in frame: Frame, attempt: Int, announce: Bool = true
    ) async throws(JobError) {
        guard let journal else { return }
        let observed = observations.takePending()
        if !observed.isEmpty {
            do {
                try await journal.record(observed)
            } catch {
                throw journalFailure("the values it observed before step '\(step.id)'", error, step: step, in: frame)
            }
        }
        guard announce else {
            journaled.insert(recorder.index)
            return
        }
        let record = records[recorder.index]
        let entry = JournalEntry(
            jobID: jobID, path: recorder.path, kind: record.kind, phase: .started, attempt: attempt,
            idempotencyKey: ActionRequest.idempotencyKey(jobID: jobID, path: recorder.path), at: clock.now())
        try await write(entry, to: journal, step: step, in: frame)
        journaled.insert(recorder.index)
    }

    /// Records the outcome of a step that started: its status, output or error as the trace has
    /// them (redacted).
    func journalEnded(_ recorder: StepRecorder, step: Step, in frame: Frame) async throws(JobError) {
        guard let journal, journaled.remove(recorder.index) != nil else { return }
        let record = records[recorder.index]
        let entry = JournalEntry(
            jobID: jobID, path: recorder.path, kind: record.kind, phase: .ended, attempt: record.attempts,
            idempotencyKey: ActionRequest.idempotencyKey(jobID: jobID, path: recorder.path), status: record.status,
            output: record.output, error: record.error, queuedCall: queuedCall(at: recorder.path, status: record.status),
            at: clock.now())
        try await write(entry, to: journal, step: step, in: frame)
    }

    /// The job an asynchronous call step at `path` queued, when it succeeded.
    private func queuedCall(at path: StepPath, status: StepStatus) -> QueuedCall? {
        guard status == .succeeded else { return nil }
        let id = JobIdentifiers.derived(parent: jobID, path: path)
        guard let index = asyncCalls.lastIndex(where: { $0.jobID == id }) else { return nil }
        let call = asyncCalls[index]
        return QueuedCall(recipe: call.recipe, input: call.input, jobID: id, asyncCallsInTree: asyncCallsBefore + index + 1)
    }

    private func write(_ entry: JournalEntry, to journal: any StepJournal, step: Step, in frame: Frame) async throws(JobError) {
        do {
            try await journal.append(entry)
        } catch {
            throw journalFailure("step '\(step.id)' (\(entry.phase.rawValue))", error, step: step, in: frame)
        }
    }

    private func journalFailure(_ what: String, _ error: any Error, step: Step, in frame: Frame) -> JobError {
        var failure = failure("the job's journal could not record \(what): \(error)", type: .journal, step: step, in: frame)
        failure.retryable = true
        return failure
    }
}
