import RecipeData
import Synchronization

/// A journal in memory: the entries of the runs that used it, in order. Passing the same
/// journal to a second run of the job resumes it as the store will after a crash (what the
/// entries say completed is replayed; what was only started runs again; observed values are
/// read back).
public final class MemoryJournal: StepJournal {
    private struct State {
        var entries: [JournalEntry] = []
        var outputs: [StepPath: JSONValue] = [:]
        var failures: [StepPath: JobError] = [:]
        var attempts: [StepPath: Int] = [:]
        var observations: [JournalObservation] = []
        var observed: [JournalObservation.Name: [Int: JSONValue]] = [:]
    }

    private let state = Mutex(State())

    /// An empty journal, or one holding what an earlier run wrote.
    public init(_ entries: [JournalEntry] = [], observations: [JournalObservation] = []) {
        for entry in entries { keep(entry) }
        keep(observations)
    }

    /// Every entry so far, in the order written.
    public var entries: [JournalEntry] { state.withLock { $0.entries } }

    /// Every observation so far, in the order written.
    public var observations: [JournalObservation] { state.withLock { $0.observations } }

    public func completedOutput(at path: StepPath) -> JSONValue? { state.withLock { $0.outputs[path] } }

    public func append(_ entry: JournalEntry) async throws { keep(entry) }

    public func endedFailure(at path: StepPath) -> JobError? { state.withLock { $0.failures[path] } }

    public func startedAttempts(at path: StepPath) -> Int { state.withLock { $0.attempts[path] ?? 0 } }

    public func observation(_ name: JournalObservation.Name, ordinal: Int) -> JSONValue? {
        state.withLock { $0.observed[name]?[ordinal] }
    }

    public func record(_ observations: [JournalObservation]) async throws { keep(observations) }

    private func keep(_ entry: JournalEntry) {
        state.withLock { state in
            state.entries.append(entry)
            if let output = entry.completedOutput { state.outputs[entry.path] = output }
            if let failure = entry.endedFailure { state.failures[entry.path] = failure }
            if entry.phase == .started { state.attempts[entry.path] = max(state.attempts[entry.path] ?? 0, entry.attempt) }
        }
    }

    private func keep(_ observations: [JournalObservation]) {
        state.withLock { state in
            for observation in observations {
                state.observations.append(observation)
                state.observed[observation.name, default: [:]][observation.ordinal] = observation.value
            }
        }
    }
}
