// The command line reads the admin API's documents back into store values to print its
// tables: reading a document and writing it again gives the same document.
import RecipeData
import RecipeRuntime
import RecipeStore
import Testing

@Suite struct AdminJSONReadingTests {
    static let job = StoredJob(
        id: 12, job: NewJob(
            recipe: "hr/on-update", contentHash: "cd66", trigger: ["type": "employee.updated", "data": ["employeeId": "42"]],
            orderingKey: "hr/hibob/42", parentID: 3, deliveryID: 7, originKey: "async:1", createdAt: 1_796_212_800_123),
        status: .failed, attempts: 2, leaseOwner: "host-1", leaseExpiresAt: 1_796_212_830_000, startedAt: 1_796_212_800_200,
        finishedAt: 1_796_212_801_002, result: nil, error: ["message": "boom"])

    @Test func jobRowsAndJobDocumentsReadBackToTheSameDocuments() throws {
        let row = OperatorJSON.jobRow(Self.job)
        #expect(OperatorJSON.jobRow(try OperatorJSONReading.job(row)) == row)
        let child = StoredJob(id: 13, job: NewJob(recipe: "hr/child", contentHash: "h", createdAt: 5), status: .succeeded, result: ["ok": true])
        let journal = [
            StoredJournalEntry(sequence: 1, entry: NewJournalEntry(jobID: 12, stepPath: "steps[0]", phase: .started, idempotencyKey: "k", at: 10)),
            StoredJournalEntry(sequence: 2, entry: NewJournalEntry(jobID: 12, stepPath: "steps[0]", phase: .ended, output: ["a": 1], at: 11)),
        ]
        let document = OperatorJSON.jobDetail(Self.job, children: [child], journal: journal)
        let read = try OperatorJSONReading.jobDetail(document)
        #expect(read.json == document)
        #expect(read.journal.map(JournalEntryView.line) == journal.map(JournalEntryView.line))
    }

    @Test func statusRowsReadBackToTheSameRowsAndCells() throws {
        let rows = [
            RecipeStatus(
                recipe: "hr/a", currentContentHash: "h2",
                lifecycle: RecipeLifecycle(recipe: "hr/a", state: .started, pinnedContentHash: "h1", changedAt: 1_000), lastJob: Self.job,
                recentFailures: 10_000),
            RecipeStatus(recipe: "hr/b", currentContentHash: nil, lifecycle: nil, lastJob: nil, recentFailures: 0),
        ]
        let document = OperatorJSON.status(rows)
        let read = try OperatorJSONReading.list(document, "recipes").map(OperatorJSONReading.status)
        #expect(OperatorJSON.status(read) == document)
        #expect(read.map(\.cells) == rows.map(\.cells))
    }

    @Test func deliveryRowsReadBackWithTheirJobs() throws {
        let delivery = StoredDelivery(
            id: 3, delivery: NewDelivery(
                body: Array("{}".utf8), connection: "hibob", folder: "hr", receivedAt: 1_796_212_800_100, dedupKey: "hr/hibob/x",
                verification: .verified),
            duplicateOf: 1, jobIDs: [12])
        let row = OperatorJSON.deliveryRow(delivery, jobs: [Self.job])
        let read = try OperatorJSONReading.delivery(row)
        guard case .object(var expected) = row, case .object(var again) = read.json else { Issue.record("not objects"); return }
        // The body is not in the document, only its size.
        expected["bodyBytes"] = nil
        again["bodyBytes"] = nil
        #expect(JSONValue.object(again) == JSONValue.object(expected))
        #expect(read.delivery.jobIDs == [12])
    }

    @Test func lifecycleRowsReadBack() throws {
        let row = RecipeLifecycle(recipe: "hr/a", state: .started, pinnedContentHash: "h", changedAt: 1_000)
        #expect(try OperatorJSONReading.lifecycle(OperatorJSON.lifecycle(row)) == row)
    }

    @Test func otherVersionsAndShapesAreRefused() {
        #expect(throws: OperatorInputError.self) { try OperatorJSONReading.list(["version": 2, "jobs": []], "jobs") }
        #expect(throws: OperatorInputError.self) { try OperatorJSONReading.list(["version": 1], "jobs") }
        #expect(throws: OperatorInputError.self) { try OperatorJSONReading.job(["id": "x"]) }
    }
}
