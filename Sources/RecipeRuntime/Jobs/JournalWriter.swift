// The jobs' journal entries through one group commit: the entries that concurrent jobs write
// at the same moment share a transaction and a sync, each checked against its own job's lease
// (`RecipeStore.appendJournal(_:)`), and each job goes on once its own entry is durable.
import Foundation
import RecipeStore

/// Appends journal entries of many jobs in group commits.
public final class JournalWriter: Sendable {
    /// Entries per transaction at most.
    public static let batchLimit = 256

    private let batches: GroupCommit<JournalAppend, JournalAppended>

    /// `onCommit` is told each commit's size and time (metrics, benchmarks).
    public init(store: any RecipeStore, onCommit: @escaping @Sendable (_ entries: Int, _ seconds: Double) -> Void = { _, _ in }) {
        batches = GroupCommit(
            batchLimit: Self.batchLimit,
            commit: { batch in
                do throws(StoreError) {
                    return .success(try await store.appendJournal(batch))
                } catch {
                    return .failure(error)
                }
            }, onCommit: onCommit)
    }

    /// Appends `append` with the next batch; the store's refusal (`leaseLost`) or failure as
    /// a `StoreError`.
    public func append(_ append: JournalAppend) async throws(StoreError) -> JournalAppended {
        do {
            return try await batches.submit(append)
        } catch .store(let error) {
            throw error
        } catch {
            throw .backend(detail: "the journal writer refused the entry: \(error)")
        }
    }
}
