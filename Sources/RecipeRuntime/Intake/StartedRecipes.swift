// Which recipes run jobs, as the store says (`recipes start`/`stop` may come from another
// process, or from the CLI on the same database): read from the store at most once per
// `lifecycleRefresh`, so the intake does not read it for every delivery, and a start or stop
// takes effect within that time everywhere.
import Foundation
import RecipeStore
import Synchronization

/// A cached view of the recipes' lifecycle rows.
public final class StartedRecipes: Sendable {
    private struct Snapshot {
        var rows: [String: RecipeLifecycle] = [:]
        var readAt: Int64 = .min
    }

    public let store: any RecipeStore
    /// How long a read of the lifecycle rows is used, ms.
    public let refresh: Int64
    private let snapshot = Mutex(Snapshot())

    public init(store: any RecipeStore, refresh: Int64) {
        self.store = store
        self.refresh = refresh
    }

    /// The lifecycle rows by recipe name, read again when older than `refresh` at `now`.
    public func rows(now: Int64) async throws(StoreError) -> [String: RecipeLifecycle] {
        let cached = snapshot.withLock { $0.readAt > now - refresh ? $0.rows : nil }
        if let cached { return cached }
        return try await reload(now: now)
    }

    /// Reads the rows now (after a start or stop made through this process).
    @discardableResult
    public func reload(now: Int64) async throws(StoreError) -> [String: RecipeLifecycle] {
        let rows = Dictionary(try await store.lifecycles().map { ($0.recipe, $0) }, uniquingKeysWith: { _, last in last })
        snapshot.withLock { $0 = Snapshot(rows: rows, readAt: now) }
        return rows
    }
}
