// store: durable group-commit appends of webhook deliveries to a real SQLite file
// (WAL, synchronous=FULL: one fsync per transaction), for batches of 1, 16 and 256.
import Foundation
import RecipeData
import RecipeStore
import RecipeStoreSQLite

enum StoreBenchmark {
    /// Batch sizes measured, and how many deliveries each round appends per size.
    static let batchSizes = [1, 16, 256]
    static func deliveriesPerRound(batch: Int) -> Int { batch == 1 ? 256 : 4_096 }

    /// A signed HiBob employee.updated body of a typical size (~500 bytes).
    static let body = Array(
        #"""
        {"companyId":601234,"type":"employee.updated","triggeredBy":"3332883884017713238","triggeredAt":"2026-12-02T09:00:00.000Z","version":"v2","data":{"employeeId":"3332883884017713238","changes":[{"fieldId":"work.title","fieldDisplayName":"Job title","oldValue":"Engineer","newValue":"Senior engineer"},{"fieldId":"work.department","fieldDisplayName":"Department","oldValue":"R&D","newValue":"Platform"}],"site":"London","reportsTo":{"id":"3332883884017713001","displayName":"Ada Lovelace"}}}
        """#.utf8)

    static func run() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("recipes-store-bench-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let store = try SQLiteStore(path: directory.appendingPathComponent("engine.sqlite").path)
        var sequence = 0
        for batch in batchSizes {
            let total = deliveriesPerRound(batch: batch)
            let summary = await rounds { () async -> Double in
                let start = ContinuousClock.now
                for _ in 0..<(total / batch) {
                    let deliveries = (0..<batch).map { _ -> NewDelivery in
                        sequence += 1
                        return NewDelivery(
                            body: body, headers: ["bob-signature": "c2lnbmF0dXJl", "content-type": "application/json"],
                            connection: "hibob", folder: "onboarding", receivedAt: Int64(sequence), dedupKey: "sha256:\(sequence)",
                            verification: .verified)
                    }
                    do {
                        _ = try await store.appendDeliveries(deliveries, dedupWindow: StoreDefaults.dedupWindow)
                    } catch {
                        preconditionFailure("append failed: \(error)")
                    }
                }
                return Double(total) / seconds(ContinuousClock.now - start)
            }
            report("store: durable appends, batch \(batch)", summary, unit: "deliveries/s", target: nil)
            // One transaction per batch, and WAL + synchronous=FULL syncs the WAL once per commit.
            print("store: durable appends, batch \(batch): fsyncs per delivery 1/\(batch) = \(1 / Double(batch))")
        }
    }
}
