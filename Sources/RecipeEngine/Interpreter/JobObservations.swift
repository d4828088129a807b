import Foundation
import RecipeData
import Synchronization

/// The values one job reads from the world (`JournalObservation`): replayed from the journal
/// when an earlier run of the job observed them, otherwise read and kept until the next journal
/// write. Shared with the job's evaluation environment, whose `now()` reads through it.
final class JobObservations: Sendable {
    private let jobID: String
    private let journal: (any StepJournal)?
    private let state = Mutex<(counts: [JournalObservation.Name: Int], pending: [JournalObservation])>(([:], []))

    init(jobID: String, journal: (any StepJournal)?) {
        self.jobID = jobID
        self.journal = journal
    }

    /// The next value named `name`: what an earlier run observed at this point, or `read()`.
    func value(_ name: JournalObservation.Name, read: () -> JSONValue) -> JSONValue {
        let ordinal = state.withLock { state in
            defer { state.counts[name, default: 0] += 1 }
            return state.counts[name, default: 0]
        }
        if let replayed = journal?.observation(name, ordinal: ordinal) { return replayed }
        let value = read()
        if journal != nil {
            state.withLock { $0.pending.append(JournalObservation(jobID: jobID, name: name, ordinal: ordinal, value: value)) }
        }
        return value
    }

    /// The next instant named `name` (kept as ISO 8601 text, to the millisecond).
    func date(_ name: JournalObservation.Name, read: () -> Date) -> Date {
        let text = value(name) { .string(Timestamp.iso8601(read())) }
        return text.stringValue.flatMap(Timestamp.date(iso8601:)) ?? read()
    }

    /// What was observed since the last call, to be written to the journal.
    func takePending() -> [JournalObservation] {
        state.withLock { state in
            defer { state.pending.removeAll() }
            return state.pending
        }
    }
}
