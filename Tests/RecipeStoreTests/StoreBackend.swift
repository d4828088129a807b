// The factory the shared store suite runs over: every test here takes a `StoreBackend` and
// runs once per backend. PostgreSQL (issue 11) adds a case here.
import Foundation
import RecipeData
import RecipeStore
import RecipeStoreSQLite
import Testing

/// A backend under test.
enum StoreBackend: String, CaseIterable, CustomTestStringConvertible, Sendable {
    case memory
    case sqlite

    var testDescription: String { rawValue }

    /// A fresh, empty store (SQLite: a new file in a new temporary directory).
    func make() throws -> StoreFixture {
        let directory = try TemporaryDirectory()
        switch self {
        case .memory: return StoreFixture(store: InMemoryStore(), directory: directory)
        case .sqlite: return StoreFixture(store: try SQLiteStore(path: directory.file("store.sqlite")), directory: directory)
        }
    }
}

/// A store and the directory its files live in (removed when the fixture goes).
struct StoreFixture {
    let store: any RecipeStore
    let directory: TemporaryDirectory
}

/// A directory under the system's temporary directory, removed on deinit.
final class TemporaryDirectory: Sendable {
    let path: String

    init() throws {
        path = FileManager.default.temporaryDirectory.appendingPathComponent("recipe-store-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    func file(_ name: String) -> String { "\(path)/\(name)" }

    deinit { try? FileManager.default.removeItem(atPath: path) }
}

/// Builders for the records the tests store.
enum Make {
    static func delivery(_ dedupKey: String?, at receivedAt: Int64, body: String = #"{"type":"employee.updated"}"#)
        -> NewDelivery
    {
        NewDelivery(
            body: Array(body.utf8), headers: ["content-type": "application/json", "bob-signature": "abc="],
            connection: "hibob", folder: "onboarding", receivedAt: receivedAt, dedupKey: dedupKey, verification: .verified)
    }

    static func job(
        _ recipe: String = "sync", key: String? = nil, origin: String? = nil, parent: Int64? = nil, at createdAt: Int64 = 0
    ) -> NewJob {
        NewJob(
            recipe: recipe, contentHash: "sha256:abc", trigger: .object(["employeeId": .string(key ?? "none")]),
            orderingKey: key, parentID: parent, deliveryID: nil, originKey: origin, createdAt: createdAt)
    }
}
