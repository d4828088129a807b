// GroupCommit with pipelined syncs: the writer commits the next batch while the previous one's
// sync is in flight, and answers a batch's callers only once its sync returned.
import Foundation
import RecipeRuntime
import RecipeStore
import Synchronization
import Testing

/// A sync the test releases by hand, per ticket.
final class SyncGate: Sendable {
    private let state = Mutex<(open: Set<UInt64>, waiting: [UInt64: CheckedContinuation<Void, Never>], failing: Set<UInt64>)>(([], [:], []))

    func wait(_ ticket: DurabilityTicket) async -> StoreError? {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let open = state.withLock { state -> Bool in
                if state.open.contains(ticket.sequence) { return true }
                state.waiting[ticket.sequence] = continuation
                return false
            }
            if open { continuation.resume() }
        }
        return state.withLock { $0.failing.contains(ticket.sequence) } ? StoreError.backend(detail: "sync failed") : nil
    }

    func release(_ sequence: UInt64, failing: Bool = false) {
        let waiter = state.withLock { state in
            state.open.insert(sequence)
            if failing { state.failing.insert(sequence) }
            return state.waiting.removeValue(forKey: sequence)
        }
        waiter?.resume()
    }

    var waitingCount: Int { state.withLock { $0.waiting.count } }
}

/// Batches of values recorded in order (a writer's commits, the answers callers got).
final class CommitLog: Sendable {
    private let batches = Mutex<[[Int]]>([])

    /// Records a batch; returns its number (1, 2, 3...).
    func record(_ items: [Int]) -> UInt64 {
        batches.withLock { batches in
            batches.append(items)
            return UInt64(batches.count)
        }
    }

    var all: [[Int]] { batches.withLock { $0 } }
}

@Suite struct GroupCommitTests {
    /// Commits number their batches 1, 2, 3...; each item's output is itself times ten.
    static func writer(_ gate: SyncGate, commits: CommitLog) -> GroupCommit<Int, Int> {
        GroupCommit(
            batchLimit: 4,
            commit: { items in
                .success(Committed(items.map { .success($0 * 10) }, ticket: DurabilityTicket(sequence: commits.record(items))))
            },
            durable: { ticket in await gate.wait(ticket) })
    }

    static func eventually(_ condition: () -> Bool) async {
        for _ in 0..<2_000 where !condition() { try? await Task.sleep(for: .milliseconds(1)) }
    }

    @Test func theNextBatchCommitsWhileThePreviousSyncIsInFlight() async throws {
        let gate = SyncGate()
        let commits = CommitLog()
        let writer = Self.writer(gate, commits: commits)
        let answered = CommitLog()
        let first = Task { let value = try await writer.submit(1); _ = answered.record([value]) }
        await Self.eventually { gate.waitingCount == 1 }
        let second = Task { let value = try await writer.submit(2); _ = answered.record([value]) }
        // Batch 2 is committed although batch 1 is not durable yet.
        await Self.eventually { commits.all.count == 2 }
        #expect(commits.all == [[1], [2]])
        #expect(answered.all.isEmpty)
        #expect(writer.backlog == 2)
        gate.release(2)
        try await second.value
        #expect(answered.all == [[20]])
        gate.release(1)
        try await first.value
        #expect(answered.all == [[20], [10]])
        #expect(writer.backlog == 0)
    }

    @Test func anItemNotWaitingForTheSyncIsAnsweredAfterTheCommit() async throws {
        let gate = SyncGate()
        let commits = CommitLog()
        let writer = Self.writer(gate, commits: commits)
        // Committed, not synced: answered although its batch's sync has not returned.
        #expect(try await writer.submit(7, untilDurable: false) == 70)
        #expect(commits.all == [[7]])
        let durable = Task { try await writer.submit(8) }
        await Self.eventually { gate.waitingCount == 1 }
        #expect(writer.backlog == 1)
        gate.release(2)
        #expect(try await durable.value == 80)
    }

    @Test func aBatchSplitBetweenCommitAndSyncIsReportedOnce() async throws {
        let gate = SyncGate()
        let hold = SyncGate()
        let commits = CommitLog()
        let reports = CommitLog()
        let writer = GroupCommit<Int, Int>(
            batchLimit: 4,
            commit: { items in
                // Item 0 holds the writer until the test has queued 1 and 2 behind it.
                if items == [0] { _ = await hold.wait(DurabilityTicket(sequence: 99)) }
                return .success(Committed(items.map { .success($0) }, ticket: DurabilityTicket(sequence: commits.record(items))))
            },
            durable: { ticket in await gate.wait(ticket) },
            onCommit: { items, _ in _ = reports.record([items]) })
        for sequence in 1...2 { gate.release(UInt64(sequence)) }
        let first = Task { try await writer.submit(0) }
        await Self.eventually { hold.waitingCount == 1 }
        let quick = Task { try await writer.submit(1, untilDurable: false) }
        let synced = Task { try await writer.submit(2) }
        await Self.eventually { writer.backlog == 3 }
        hold.release(99)
        #expect(try await [first.value, quick.value, synced.value] == [0, 1, 2])
        #expect(commits.all == [[0], [1, 2]])
        // The second batch is answered in two parts (1 at its commit, 2 after its sync) and
        // reported once, with both items.
        await Self.eventually { reports.all.count == 2 }
        #expect(reports.all == [[1], [2]])
    }

    @Test func aFailedSyncFailsItsBatchOnly() async throws {
        let gate = SyncGate()
        let commits = CommitLog()
        let writer = Self.writer(gate, commits: commits)
        let first = Task { try await writer.submit(1) }
        await Self.eventually { gate.waitingCount == 1 }
        gate.release(1, failing: true)
        await #expect(throws: GroupCommitError.store(.backend(detail: "sync failed"))) { try await first.value }
        gate.release(2)
        #expect(try await writer.submit(3) == 30)
    }

    @Test func aDurableTicketAnswersWithoutASync() async throws {
        let writer = GroupCommit<Int, Int>(
            batchLimit: 8, commit: { items in .success(Committed(items.map { .success($0 + 1) }, ticket: .durable)) },
            durable: { _ in Issue.record("no sync expected for a durable commit"); return nil })
        #expect(try await writer.submit(41) == 42)
    }

    @Test func theBacklogCountsBatchesWaitingForTheirSync() async throws {
        let gate = SyncGate()
        let commits = CommitLog()
        let writer = GroupCommit<Int, Int>(
            batchLimit: 4, backlogLimit: 1,
            commit: { items in
                .success(Committed(items.map { .success($0) }, ticket: DurabilityTicket(sequence: commits.record(items))))
            },
            durable: { ticket in await gate.wait(ticket) })
        let first = Task { try await writer.submit(1) }
        await Self.eventually { gate.waitingCount == 1 }
        // The unsynced item still counts: past the limit, refuse at once.
        await #expect(throws: GroupCommitError.overloaded(backlog: 1)) { try await writer.submit(2) }
        gate.release(1)
        #expect(try await first.value == 1)
    }
}
