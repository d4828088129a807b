// The webhook intake's group commit: deliveries from many connections appended together, each
// answered when its own delivery is on disk (docs/serve.md, "Durability").
//
// Overload: past `intakeBacklogLimit` deliveries waiting for their commit, `submit` refuses at
// once (the route answers 503 with Retry-After; HiBob and Greenhouse both retry), rather than
// queueing what might never be stored.
import Foundation
import RecipeStore

/// Why a delivery was not stored.
public typealias DeliveryWriteError = GroupCommitError

/// Appends deliveries (and the jobs they start) in group commits.
public final class DeliveryWriter: Sendable {
    public let store: any RecipeStore
    public let settings: RuntimeSettings
    private let batches: GroupCommit<DeliveryIntake, StoredDelivery>

    /// `onCommit` is called after each commit (the pool wakes up, the metrics count).
    public init(
        store: any RecipeStore, settings: RuntimeSettings,
        onCommit: @escaping @Sendable (_ deliveries: Int, _ seconds: Double) -> Void = { _, _ in }
    ) {
        self.store = store
        self.settings = settings
        let window = settings.dedupWindow
        batches = GroupCommit(
            batchLimit: settings.intakeBatchLimit, backlogLimit: settings.intakeBacklogLimit,
            commit: { intakes in
                do throws(StoreError) {
                    let committed = try await store.commitDeliveries(intakes, dedupWindow: window)
                    return .success(Committed(committed.value.map { .success($0) }, ticket: committed.ticket))
                } catch {
                    return .failure(error)
                }
            },
            durable: { ticket in
                do throws(StoreError) { try await store.waitUntilDurable(ticket) } catch { return error }
                return nil
            }, onCommit: onCommit)
    }

    /// Deliveries handed in and not yet answered.
    public var backlog: Int { batches.backlog }

    /// Stores `intake` durably (with the jobs it starts, unless it is a duplicate) and returns
    /// the stored delivery; throws without storing anything when overloaded or failing.
    public func submit(_ intake: DeliveryIntake) async throws(DeliveryWriteError) -> StoredDelivery {
        try await batches.submit(intake)
    }

    /// Refuses new deliveries; those already handed in are still written.
    public func stop() { batches.stop() }
}
