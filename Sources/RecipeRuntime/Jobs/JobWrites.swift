// The running jobs' writes through group commits: the journal entries and the job ends that
// concurrent jobs write at the same moment share a transaction and a sync, each checked
// against its own job's lease (`RecipeStore.appendJournal(_:)`, `finish(_:)`), and each job
// goes on once its own write is durable.
import Foundation
import RecipeStore

/// Journal entries and job ends of the jobs of one process, in group commits.
public final class JobWrites: Sendable {
    /// Writes per transaction at most.
    public static let batchLimit = 256

    private let journal: GroupCommit<JournalAppend, JournalAppended>
    private let ends: GroupCommit<JobFinish, StoredJob>

    public init(store: any RecipeStore) {
        journal = GroupCommit(
            batchLimit: Self.batchLimit,
            commit: { batch in
                do throws(StoreError) { return .success(try await store.commitJournal(batch)) } catch { return .failure(error) }
            },
            durable: { ticket in
                do throws(StoreError) { try await store.waitUntilDurable(ticket) } catch { return error }
                return nil
            })
        ends = GroupCommit(batchLimit: Self.batchLimit) { batch in
            do throws(StoreError) { return .success(Committed(try await store.finish(batch), ticket: .durable)) } catch {
                return .failure(error)
            }
        }
    }

    /// Appends a journal entry with the next batch; the store's refusal (`leaseLost`) or
    /// failure as a `StoreError`. With `untilDurable: false` it returns once committed: for
    /// entries whose loss to power failure only makes the job redo a step under its idempotency
    /// rules (an `ended` entry), which the next durable entry covers anyway.
    public func append(_ append: JournalAppend, untilDurable: Bool = true) async throws(StoreError) -> JournalAppended {
        try await Self.unwrapped { () async throws(GroupCommitError) in try await journal.submit(append, untilDurable: untilDurable) }
    }

    /// Ends a job with the next batch.
    public func finish(_ end: JobFinish) async throws(StoreError) -> StoredJob {
        try await Self.unwrapped { () async throws(GroupCommitError) in try await ends.submit(end) }
    }

    private static func unwrapped<T>(_ body: () async throws(GroupCommitError) -> T) async throws(StoreError) -> T {
        do {
            return try await body()
        } catch .store(let error) {
            throw error
        } catch {
            throw .backend(detail: "the group commit refused the write: \(error)")
        }
    }
}
