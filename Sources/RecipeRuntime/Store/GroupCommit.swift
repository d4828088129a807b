// Group commit: items handed in by many tasks at once are written by one writer, many per
// transaction and per sync, and each caller is answered when its own item is durable. While one
// commit syncs, the next batch gathers, so syncs per item fall as the load rises. The intake's
// deliveries and the jobs' journal entries both go through one of these.
//
// Pipelined syncs: when the store answers a commit with a ticket that is not yet durable
// (RecipeStore's `Committed`), the writer goes on to commit the next batch at once, and the
// batch's callers are answered when `durable(ticket)` returns. Commits stay in order (one
// writer); only the waits for the disk overlap. A caller that only needs its item committed
// (`untilDurable: false`: a journal `ended` entry, which a later synced entry covers, since a
// sync covers every commit before it) is answered right after the commit.
//
// A backlog limit (optional) refuses at once past that many items waiting, rather than queueing
// what might never be written.
import Foundation
import RecipeStore
import Synchronization

/// Why an item handed to a group commit was not written.
public enum GroupCommitError: Error, Sendable, Equatable {
    /// The backlog is at its limit: refuse now (the intake answers 503 with Retry-After).
    case overloaded(backlog: Int)
    /// The store refused the item, or the commit failed (then nothing of its batch was written).
    case store(StoreError)
    /// The writer is stopped.
    case stopped
}

/// One writer committing batches of items for many callers.
public final class GroupCommit<Item: Sendable, Output: Sendable>: Sendable {
    /// Writes a batch in one transaction: one result per item, in order, and the ticket to wait
    /// on for their durability; or one error when the transaction failed (nothing written).
    public typealias Commit = @Sendable ([Item]) async -> Result<Committed<[Result<Output, StoreError>]>, StoreError>
    /// Waits until a ticket's commit is durable; the error when the sync failed.
    public typealias Durable = @Sendable (DurabilityTicket) async -> StoreError?
    private typealias Waiter = CheckedContinuation<Result<Output, GroupCommitError>, Never>
    /// An item handed in, its caller, and whether the caller waits for the sync.
    private typealias Pending = (item: Item, waiter: Waiter, untilDurable: Bool)

    private struct State {
        var queue: [Pending] = []
        var inFlight = 0
        var writing = false
        var stopped = false
    }

    /// Items per transaction at most.
    public let batchLimit: Int
    /// Items waiting (queued or being written) beyond which `submit` refuses; `nil`: no limit.
    public let backlogLimit: Int?
    private let commit: Commit
    private let durable: Durable
    private let onCommit: @Sendable (_ items: Int, _ seconds: Double) -> Void
    private let state = Mutex(State())

    public init(
        batchLimit: Int, backlogLimit: Int? = nil, commit: @escaping Commit, durable: @escaping Durable = { _ in nil },
        onCommit: @escaping @Sendable (_ items: Int, _ seconds: Double) -> Void = { _, _ in }
    ) {
        self.batchLimit = max(1, batchLimit)
        self.backlogLimit = backlogLimit
        self.commit = commit
        self.durable = durable
        self.onCommit = onCommit
    }

    /// Items handed in and not yet answered.
    public var backlog: Int { state.withLock { $0.queue.count + $0.inFlight } }

    /// Writes `item` with the next batch and answers once it is durable (or refused); with
    /// `untilDurable: false`, once it is committed (its durability then rests on a later sync).
    public func submit(_ item: Item, untilDurable: Bool = true) async throws(GroupCommitError) -> Output {
        let result = await withCheckedContinuation { (waiter: Waiter) in
            let refusal = state.withLock { state -> GroupCommitError? in
                if state.stopped { return .stopped }
                let backlog = state.queue.count + state.inFlight
                if let limit = backlogLimit, backlog >= limit { return .overloaded(backlog: backlog) }
                state.queue.append((item, waiter, untilDurable))
                if state.writing { return nil }
                state.writing = true
                Task { await self.drain() }
                return nil
            }
            if let refusal { waiter.resume(returning: .failure(refusal)) }
        }
        return try result.get()
    }

    /// Refuses new items; those already handed in are still written.
    public func stop() {
        state.withLock { $0.stopped = true }
    }

    private func drain() async {
        while true {
            let batch = state.withLock { state -> [Pending] in
                let count = min(state.queue.count, batchLimit)
                let batch = Array(state.queue.prefix(count))
                state.queue.removeFirst(count)
                state.inFlight += count
                if count == 0 { state.writing = false }
                return batch
            }
            if batch.isEmpty { return }
            let started = ContinuousClock.now
            let result = await commit(batch.map(\.item))
            switch result {
            case .success(let committed) where committed.value.count == batch.count:
                if committed.ticket == .durable {
                    answer(batch, .success(committed.value), started: started, reporting: batch.count)
                    continue
                }
                let indexed = Array(zip(batch, committed.value))
                let now = indexed.filter { !$0.0.untilDurable }
                let later = indexed.filter { $0.0.untilDurable }
                // One report per batch (onCommit counts commits): with the sync, or now when none waits.
                if !now.isEmpty {
                    answer(now.map(\.0), .success(now.map(\.1)), started: started, reporting: later.isEmpty ? batch.count : nil)
                }
                if later.isEmpty { continue }
                // The next batch commits while this one's sync is in flight.
                Task {
                    let failure = await self.durable(committed.ticket)
                    self.answer(
                        later.map(\.0), failure.map { .failure($0) } ?? .success(later.map(\.1)), started: started,
                        reporting: batch.count)
                }
            case .success:
                answer(
                    batch, .failure(.backend(detail: "a batch commit answered a different number of results")), started: started,
                    reporting: nil)
            case .failure(let error):
                answer(batch, .failure(error), started: started, reporting: nil)
            }
        }
    }

    /// Answers a batch's callers: their own results, or the batch's one error.
    /// `reporting`: the batch's item count to pass to `onCommit` (on success), or `nil` when
    /// another part of the same batch reports it.
    private func answer(
        _ batch: [Pending], _ result: Result<[Result<Output, StoreError>], StoreError>, started: ContinuousClock.Instant,
        reporting: Int?
    ) {
        state.withLock { $0.inFlight -= batch.count }
        switch result {
        case .success(let outputs):
            for (index, pending) in batch.enumerated() { pending.waiter.resume(returning: outputs[index].mapError(GroupCommitError.store)) }
            guard let reporting else { return }
            let elapsed = ContinuousClock.now - started
            onCommit(reporting, Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18)
        case .failure(let error):
            for pending in batch { pending.waiter.resume(returning: .failure(.store(error))) }
        }
    }
}
