// Group commit for the webhook intake: deliveries handed in by many connections at once are
// appended by one writer, many per transaction and per sync, and each caller is answered when
// its own delivery is durable. While one commit syncs, the next batch gathers, so the number of
// syncs per delivery falls as the load rises (measured by the intake benchmark).
//
// Overload: past `intakeBacklogLimit` deliveries waiting for their commit, `submit` refuses at
// once (the route answers 503 with Retry-After; HiBob and Greenhouse both retry), rather than
// queueing what might never be stored.
import Foundation
import RecipeStore
import Synchronization

/// Why a delivery was not stored.
public enum DeliveryWriteError: Error, Sendable, Equatable {
    /// The backlog is at its limit: answer 503 and let the vendor retry.
    case overloaded(backlog: Int)
    /// The store refused or failed: nothing of the batch was stored.
    case store(StoreError)
    /// The writer is stopped.
    case stopped
}

/// Appends deliveries (and the jobs they start) in group commits.
public final class DeliveryWriter: Sendable {
    private typealias Waiter = CheckedContinuation<Result<StoredDelivery, DeliveryWriteError>, Never>

    private struct State {
        var queue: [(DeliveryIntake, Waiter)] = []
        var inFlight = 0
        var writing = false
        var stopped = false
    }

    public let store: any RecipeStore
    public let settings: RuntimeSettings
    private let state = Mutex(State())
    private let onCommit: @Sendable (_ deliveries: Int, _ seconds: Double) -> Void

    /// `onCommit` is called after each commit (the pool wakes up, the metrics count).
    public init(
        store: any RecipeStore, settings: RuntimeSettings,
        onCommit: @escaping @Sendable (_ deliveries: Int, _ seconds: Double) -> Void = { _, _ in }
    ) {
        self.store = store
        self.settings = settings
        self.onCommit = onCommit
    }

    /// Deliveries handed in and not yet answered.
    public var backlog: Int { state.withLock { $0.queue.count + $0.inFlight } }

    /// Stores `intake` durably (with the jobs it starts, unless it is a duplicate) and returns
    /// the stored delivery; throws without storing anything when overloaded or failing.
    public func submit(_ intake: DeliveryIntake) async throws(DeliveryWriteError) -> StoredDelivery {
        let result = await withCheckedContinuation { (waiter: Waiter) in
            let refusal = state.withLock { state -> DeliveryWriteError? in
                if state.stopped { return .stopped }
                let backlog = state.queue.count + state.inFlight
                if backlog >= settings.intakeBacklogLimit { return .overloaded(backlog: backlog) }
                state.queue.append((intake, waiter))
                if state.writing { return nil }
                state.writing = true
                Task { await self.drain() }
                return nil
            }
            if let refusal { waiter.resume(returning: .failure(refusal)) }
        }
        return try result.get()
    }

    /// Refuses new deliveries; those already handed in are still written.
    public func stop() {
        state.withLock { $0.stopped = true }
    }

    private func drain() async {
        while true {
            let batch = state.withLock { state -> [(DeliveryIntake, Waiter)] in
                let count = min(state.queue.count, settings.intakeBatchLimit)
                let batch = Array(state.queue.prefix(count))
                state.queue.removeFirst(count)
                state.inFlight = count
                if count == 0 { state.writing = false }
                return batch
            }
            if batch.isEmpty { return }
            let started = ContinuousClock.now
            let result: Result<[StoredDelivery], StoreError>
            do {
                result = .success(try await store.appendDeliveries(batch.map(\.0), dedupWindow: settings.dedupWindow))
            } catch {
                result = .failure(error)
            }
            state.withLock { $0.inFlight = 0 }
            switch result {
            case .success(let stored):
                for (index, (_, waiter)) in batch.enumerated() { waiter.resume(returning: .success(stored[index])) }
                let elapsed = ContinuousClock.now - started
                onCommit(batch.count, Double(elapsed.components.attoseconds) / 1e18 + Double(elapsed.components.seconds))
            case .failure(let error):
                for (_, waiter) in batch { waiter.resume(returning: .failure(.store(error))) }
            }
        }
    }
}
