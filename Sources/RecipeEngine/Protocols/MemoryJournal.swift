import RecipeData
import Synchronization

/// A journal in memory: the entries of the runs that used it, in order. Passing the same
/// journal to a second run of the job resumes it as the store will after a crash (what the
/// entries say completed is replayed; what was only started runs again).
public final class MemoryJournal: StepJournal {
    private let state = Mutex<(entries: [JournalEntry], outputs: [StepPath: JSONValue])>(([], [:]))

    /// An empty journal, or one holding `entries` already written by an earlier run.
    public init(_ entries: [JournalEntry] = []) {
        for entry in entries { record(entry) }
    }

    /// Every entry so far, in the order written.
    public var entries: [JournalEntry] { state.withLock { $0.entries } }

    public func completedOutput(at path: StepPath) -> JSONValue? { state.withLock { $0.outputs[path] } }

    public func append(_ entry: JournalEntry) async throws { record(entry) }

    private func record(_ entry: JournalEntry) {
        state.withLock { state in
            state.entries.append(entry)
            if let output = entry.completedOutput { state.outputs[entry.path] = output }
        }
    }
}
