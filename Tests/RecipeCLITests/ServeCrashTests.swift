// Issue 8, "Crash safety": `recipes serve` is killed with SIGKILL several times while HiBob
// (played by the test, retrying like the vendor) sends signed webhooks, and restarted on the
// same database. At the end the sandbox's Docebo must hold exactly the users the HiBob changes
// call for: none missing, none created twice, each with HiBob's status; and the store must hold
// every delivery that was answered 200, each event accepted once.
import Foundation
import RecipeData
import RecipeSandbox
import RecipeTestSupport
import Testing

#if canImport(Glibc)
import Glibc
#endif


/// HiBob, as the engine meets it: makes changes through the sandbox's admin API and delivers
/// each event it answers, signed, to the engine's webhook URL, retrying every failure (refused
/// connection, reset, 5xx) until it gets a 200 — as HiBob does for up to 3 days. One
/// employee's events are sent in order, each after the previous one's 200.
final class ServeHiBobPlayer: @unchecked Sendable {
    // @unchecked: the mutable record is behind `lock`.
    struct Sent: Sendable {
        var type: String
        var employee: Int
        var delivery: Int
        var duplicateOf: Int?
        var jobs: [Int]
        /// The delivery that first accepted this event: `duplicateOf` when the 200 came for a
        /// retry of a body the engine had already stored (its first answer was lost in a kill).
        var original: Int { duplicateOf ?? delivery }
    }

    struct Redelivery: Sendable {
        var original: Int
        var duplicateOf: Int?
        var jobs: [Int]
    }

    let harness: ServeHarness
    let path = "/webhooks/hibob-docebo/hibob"
    private let lock = NSLock()
    private var sentEvents: [Sent] = []
    private var redeliveryAnswers: [Redelivery] = []
    private var postCount = 0
    private var failedPosts = 0
    private var eventCount = 0

    init(harness: ServeHarness) { self.harness = harness }

    var sent: [Sent] { lock.withLock { sentEvents } }
    var redeliveries: [Redelivery] { lock.withLock { redeliveryAnswers } }
    var posts: Int { lock.withLock { postCount } }
    var failures: Int { lock.withLock { failedPosts } }

    /// Makes one change in HiBob and delivers its events in order.
    func change(_ method: String, _ path: String, _ body: String? = nil, employee: Int) throws {
        let answer = try harness.sandboxJSON(method, path, body)
        for event in answer["events"]?.arrayValue ?? [] {
            try deliver(event, employee: employee)
        }
    }

    /// POSTs the signed event until a 200. Every fourth event is then sent once more, byte for
    /// byte, as HiBob does when it did not see the 200: that one must be a duplicate.
    func deliver(_ event: JSONValue, employee: Int) throws {
        let body = event.jsonBytes()
        let answer = try post(body)
        let record = Sent(
            type: event["type"]?.stringValue ?? "", employee: employee, delivery: answer["delivery"]?.intValue ?? -1,
            duplicateOf: answer["duplicateOf"]?.intValue, jobs: answer["jobs"]?.arrayValue?.compactMap(\.intValue) ?? [])
        let redeliver = lock.withLock { () -> Bool in
            sentEvents.append(record)
            eventCount += 1
            return eventCount % 4 == 0
        }
        if redeliver {
            let again = try post(body)
            lock.withLock {
                redeliveryAnswers.append(
                    Redelivery(
                        original: record.original, duplicateOf: again["duplicateOf"]?.intValue,
                        jobs: again["jobs"]?.arrayValue?.compactMap(\.intValue) ?? []))
            }
        }
    }

    private func post(_ body: [UInt8]) throws -> JSONValue {
        let headers = [
            "Content-Type": "application/json",
            "Bob-Signature": WebhookSignature.hibob(body: body, secret: harness.webhookSecret),
        ]
        let deadline = Date().addingTimeInterval(40)
        var last = ""
        while Date() < deadline {
            lock.withLock { postCount += 1 }
            do {
                let answer = try ServeHTTP.send("POST", port: harness.port, path: path, body: body, headers: headers, timeout: 5)
                if answer.status == 200, let json = answer.json { return json }
                last = "\(answer.status) \(answer.text)"
                // A refusal of a valid signed JSON delivery is a bug, not something to retry.
                if [400, 401, 404, 405, 413].contains(answer.status) {
                    throw ServeHarness.Failure(description: "the engine refused a valid delivery: \(last)")
                }
            } catch let error as ServeHarness.Failure {
                throw error
            } catch {
                last = "\(error)"
            }
            lock.withLock { failedPosts += 1 }
            usleep(25_000)
        }
        throw ServeHarness.Failure(description: "no 200 within 40 s; last: \(last)")
    }
}

@Suite(.serialized) struct ServeCrashTests {
    static let matchedTypes: Set<String> = [
        "employee.created", "employee.updated", "employee.activated", "employee.inactivated", "employee.left",
        "employee.deleted",
    ]

    static func email(_ index: Int) -> String { "kai\(index).crashtest\(index)@crash.example" }

    /// Kills the serve process `kills` times, 100–600 ms after each (re)start, and restarts it.
    static func chaos(_ harness: ServeHarness, kills: Int, generator: inout SeededRandom) throws {
        for _ in 0..<kills {
            usleep(UInt32.random(in: 100_000...600_000, using: &generator))
            harness.killServe()
            try harness.startServe()
        }
    }

    /// Runs `driver` over `lanes` threads while `chaos` kills and restarts the server.
    static func underFire(
        _ harness: ServeHarness, kills: Int, generator: inout SeededRandom, lanes: Int,
        _ driver: @escaping @Sendable (Int) throws -> Void
    ) async throws {
        let seed = generator.next()
        try await offloaded {
            let errors = ServeErrors()
            let chaosDone = DispatchSemaphore(value: 0)
            Thread {
                var generator = SeededRandom(seed: seed)
                do { try chaos(harness, kills: kills, generator: &generator) } catch { errors.add(error) }
                chaosDone.signal()
            }.start()
            DispatchQueue.concurrentPerform(iterations: lanes) { lane in
                do { try driver(lane) } catch { errors.add(error) }
            }
            chaosDone.wait()
            if let first = errors.first { throw first }
        }
    }

    @Test(.timeLimit(.minutes(2)))
    func killedSeveralTimesUnderLoadEveryDeliveryHasExactlyItsEffect() async throws {
        let started = Date()
        let harness = try ServeHarness()
        defer { harness.stopAll() }
        let start = try harness.recipes(["start", "hibob-docebo", "--db", harness.database.path, "--project", harness.root.path])
        #expect(start.status == 0, "\(start.stderr)")
        // Docebo answers a little slowly, so that jobs are in flight when the kills come.
        _ = try harness.sandboxJSON("POST", "/_sandbox/faults", #"{"vendor": "docebo", "latencyMs": 15}"#)
        try harness.startServe()

        let hibob = ServeHiBobPlayer(harness: harness)
        let seed = ProcessInfo.processInfo.environment["RECIPES_CRASH_SEED"].flatMap { UInt64($0) } ?? 8
        var generator = SeededRandom(seed: seed)
        let employees = 30
        let lanes = 4
        let ids = ServeEmployeeIDs()

        // Phase 1: hires (created + joined), and an update for the first eight.
        try await Self.underFire(harness, kills: 3, generator: &generator, lanes: lanes) { lane in
            for index in stride(from: lane, to: employees, by: lanes) {
                let answer = try harness.sandboxJSON(
                    "POST", "/_sandbox/hibob/employees",
                    #"{"firstName": "Kai\#(index)", "surname": "Crashtest\#(index)", "email": "\#(Self.email(index))"}"#)
                guard let id = answer["employeeId"]?.stringValue else {
                    throw ServeHarness.Failure(description: "the sandbox hired nobody: \(answer)")
                }
                ids.set(index, id)
                for event in answer["events"]?.arrayValue ?? [] { try hibob.deliver(event, employee: index) }
                usleep(20_000)
                if index < 8 {
                    try hibob.change("POST", "/_sandbox/hibob/employees/\(id)", #"{"department": "Sales"}"#, employee: index)
                    usleep(20_000)
                }
            }
        }
        // HiBob reads are current, so a job that ran after its employee's deletion would find
        // no employee and fail (legitimately): delete only once the hires' jobs are done.
        let firstWave = hibob.sent.count(where: { Self.matchedTypes.contains($0.type) })
        _ = try await offloaded { try harness.waitForQuietJobs(expected: firstWave) }

        // Phase 2: terminations (updated, left, inactivated), deletions, updates, and a
        // deactivate-then-reactivate whose events must run in order to end active.
        try await Self.underFire(harness, kills: 3, generator: &generator, lanes: lanes) { lane in
            for index in stride(from: lane, to: 18, by: lanes) {
                let id = ids.get(index)
                switch index {
                case 0..<6:
                    try hibob.change("POST", "/_sandbox/hibob/employees/\(id)/terminate", "{}", employee: index)
                case 6..<12:
                    try hibob.change("DELETE", "/_sandbox/hibob/employees/\(id)", employee: index)
                case 12..<16:
                    try hibob.change("POST", "/_sandbox/hibob/employees/\(id)", #"{"title": "Engineer"}"#, employee: index)
                default:
                    try hibob.change("POST", "/_sandbox/hibob/employees/\(id)", #"{"status": "Inactive"}"#, employee: index)
                    try hibob.change("POST", "/_sandbox/hibob/employees/\(id)", #"{"status": "Active"}"#, employee: index)
                }
                usleep(20_000)
            }
        }
        let sent = hibob.sent
        let expectedJobs = sent.count(where: { Self.matchedTypes.contains($0.type) })
        let jobs = try await offloaded { try harness.waitForQuietJobs(expected: expectedJobs) }
        let deliveries = try await offloaded { try harness.json(["deliveries", "--limit", "10000"]) }["deliveries"]?.arrayValue ?? []
        let docebo = try await offloaded { try harness.doceboUsers() }
        let logs = harness.serveLogs

        // The kills happened, and every incarnation started and recovered.
        #expect(harness.kills == 6)
        #expect(logs.count == 7)
        for (number, log) in logs.enumerated() {
            #expect(log.contains("event=server.started"), "incarnation \(number + 1)")
            #expect(log.contains("event=recovery.done"), "incarnation \(number + 1)")
        }

        // Every event was accepted once: the deliveries that accepted them are distinct and
        // are exactly the store's non-duplicate deliveries; every 200 names a stored delivery.
        let stored = Dictionary(deliveries.compactMap { row in row["id"]?.intValue.map { ($0, row) } }) { first, _ in first }
        let originals = sent.map(\.original)
        #expect(Set(originals).count == sent.count, "two events share the delivery that accepted them")
        let storedOriginals = Set(stored.values.filter { $0["duplicateOf"]?.isNull ?? true }.compactMap { $0["id"]?.intValue })
        #expect(storedOriginals == Set(originals), "stored non-duplicate deliveries differ from the events sent")
        for event in sent {
            #expect(stored[event.delivery] != nil, "delivery \(event.delivery) was answered 200 and is not in the store")
        }
        // The deliberate redeliveries (HiBob's retries of a body already answered 200) are
        // duplicates of the first delivery and started nothing.
        for again in hibob.redeliveries {
            #expect(again.duplicateOf == again.original && again.jobs.isEmpty, "redelivery of \(again.original)")
        }
        // Each accepted event started one job if a started recipe listens to it, none otherwise.
        for event in sent {
            let jobCount = stored[event.original]?["jobs"]?.arrayValue?.count ?? -1
            #expect(jobCount == (Self.matchedTypes.contains(event.type) ? 1 : 0), "\(event.type) of employee \(event.employee)")
        }

        // Every job ran to success (none failed, none left queued or running).
        let topLevel = jobs.filter { $0["parentId"]?.isNull ?? true }
        #expect(topLevel.count == expectedJobs)
        for job in jobs where job["status"]?.stringValue != "succeeded" {
            let id = job["id"]?.intValue ?? -1
            let detail = try? harness.json(["job", String(id)])["job"]?["error"]?["error"]?["message"]?.stringValue
            Issue.record("job \(id) \(job["recipe"]?.stringValue ?? "") is \(job["status"]?.stringValue ?? ""): \(detail ?? "")")
        }

        // Docebo: one user per hired and not deleted employee, with HiBob's status; none for
        // the deleted; nobody else created.
        var byEmail: [String: [JSONValue]] = [:]
        for user in docebo { byEmail[(user["email"]?.stringValue ?? "").lowercased(), default: []].append(user) }
        for index in 0..<employees {
            let users = byEmail[Self.email(index)] ?? []
            if (6..<12).contains(index) {
                #expect(users.isEmpty, "deleted employee \(index) still has Docebo users \(users)")
            } else {
                #expect(users.count == 1, "employee \(index) has \(users.count) Docebo users")
                let expected = (0..<6).contains(index) ? "0" : "1"
                #expect(users.first?["status"]?.stringValue == expected, "employee \(index): \(users)")
            }
        }
        #expect(docebo.count(where: { ($0["email"]?.stringValue ?? "").hasSuffix("@crash.example") }) == employees - 6)

        let resumed = logs.joined().components(separatedBy: "event=job.resumed").count - 1
        let seconds = Date().timeIntervalSince(started)
        if ProcessInfo.processInfo.environment["RECIPES_CRASH_SUMMARY"] != nil {
            print(
            "seed \(seed): kill -9 ×\(harness.kills) under load: \(sent.count) events (\(hibob.posts) POSTs, \(hibob.failures) refused or cut, "
                + "\(sent.count(where: { $0.duplicateOf != nil })) answered as duplicates after a lost 200, \(hibob.redeliveries.count) deliberate "
                + "redeliveries), \(deliveries.count) deliveries stored, \(topLevel.count) jobs, \(resumed) resumed; "
                + String(format: "%.1f s", seconds))
        }
    }
}

extension ServeCrashTests {
    /// The step in flight: the server is killed while Docebo is carrying out the job's
    /// `create_user` (its answer is slow), so the vendor creates the user and the engine never
    /// sees the answer. The restarted server resumes the job (attempt 2): the steps that had
    /// ended are replayed from the journal, not sent again, and the create is retried under its
    /// idempotency rule (the connector's dedupe check finds the user): one user, not two.
    @Test(.timeLimit(.minutes(1)))
    func aJobKilledWithItsCreateInFlightResumesAndCreatesTheUserOnce() async throws {
        let harness = try ServeHarness()
        defer { harness.stopAll() }
        let start = try harness.recipes(["start", "hibob-docebo", "--db", harness.database.path, "--project", harness.root.path])
        #expect(start.status == 0, "\(start.stderr)")
        try harness.startServe()
        _ = try harness.sandboxJSON("POST", "/_sandbox/faults", #"{"vendor": "docebo", "latencyMs": 700}"#)
        let email = "ada.inflight@crash.example"
        let hibob = ServeHiBobPlayer(harness: harness)
        try await offloaded {
            try hibob.change(
                "POST", "/_sandbox/hibob/employees", #"{"firstName": "Ada", "surname": "Inflight", "email": "\#(email)"}"#,
                employee: 0)
        }
        let job = try #require(hibob.sent.first { $0.type == "employee.created" }?.jobs.first)

        // Wait (bounded) until the journal's last entry is the create, started and not ended.
        let createSuffix = "create-update-user#create"
        var journalAtKill: [JSONValue] = []
        let deadline = Date().addingTimeInterval(30)
        while Date() < deadline {
            let row = try await offloaded { try harness.json(["job", String(job)]) }["job"]
            let journal = row?["journal"]?.arrayValue ?? []
            if let last = journal.last, last["phase"] == "started",
                last["stepPath"]?.stringValue?.hasSuffix(createSuffix) == true
            {
                journalAtKill = journal
                break
            }
            if let status = row?["status"]?.stringValue, status != "queued" && status != "running" {
                Issue.record("job \(job) ended (\(status)) before its create was caught in flight")
                return
            }
            try await Task.sleep(for: .milliseconds(20))
        }
        try #require(!journalAtKill.isEmpty, "the create step never showed as in flight")
        harness.killServe()

        // Docebo carries out the request it received (bounded wait), then answers at once.
        let vendorCreated = try await offloaded { () -> Bool in
            let until = Date().addingTimeInterval(5)
            while Date() < until {
                if try harness.doceboUsers().contains(where: { $0["email"]?.stringValue == email }) { return true }
                usleep(50_000)
            }
            return false
        }
        _ = try harness.sandboxJSON("POST", "/_sandbox/faults", #"{"vendor": "docebo", "latencyMs": 0}"#)
        try await offloaded { try harness.startServe() }
        _ = try await offloaded { try harness.waitForQuietJobs(expected: 1) }

        let row = try #require(try await offloaded { try harness.json(["job", String(job)]) }["job"])
        #expect(row["status"] == "succeeded", "\(row["error"]?["error"]?["message"]?.stringValue ?? "")")
        #expect(row["attempts"] == 2)
        let resumedLine = harness.serveLogs.last?.split(separator: "\n").first { $0.contains("event=job.resumed") }
        #expect(resumedLine?.contains("job=\(job) ") == true, "\(harness.serveLogs.last ?? "")")

        // Completed side-effect steps were not executed again: each step that had ended before
        // the kill has one `ended` entry in the whole journal (a step run again would write a
        // second), and at most one `started` (reads and calls write none).
        let journal = row["journal"]?.arrayValue ?? []
        func entries(_ path: String, _ phase: JSONValue) -> [JSONValue] {
            journal.filter { $0["phase"] == phase && $0["stepPath"]?.stringValue == path }
        }
        func starts(_ path: String) -> [JSONValue] { entries(path, "started") }
        let endedBeforeKill = Set(journalAtKill.filter { $0["phase"] == "ended" }.compactMap { $0["stepPath"]?.stringValue })
        #expect(!endedBeforeKill.isEmpty)
        for path in endedBeforeKill {
            #expect(entries(path, "ended").count == 1, "\(path) ended \(entries(path, "ended").count) times")
            #expect(starts(path).count <= 1, "\(path) was started \(starts(path).count) times")
        }
        // The step in flight was sent again under the same idempotency key.
        let createPath = try #require(journalAtKill.last?["stepPath"]?.stringValue)
        let createStarts = starts(createPath)
        #expect(createStarts.count == 2)
        #expect(Set(createStarts.map { $0["idempotencyKey"] ?? .null }).count == 1)

        // One Docebo user, active, whether or not the vendor had carried out the first create.
        let users = try await offloaded { try harness.doceboUsers() }.filter { $0["email"]?.stringValue == email }
        #expect(users.count == 1, "\(users)")
        #expect(users.first?["status"] == "1")
        #expect(vendorCreated, "Docebo never carried out the create that was in flight at the kill")
    }
}

final class ServeEmployeeIDs: @unchecked Sendable {
    // @unchecked: behind `lock`.
    private let lock = NSLock()
    private var ids: [Int: String] = [:]
    func set(_ index: Int, _ id: String) { lock.withLock { ids[index] = id } }
    func get(_ index: Int) -> String { lock.withLock { ids[index] ?? "" } }
}

final class ServeErrors: @unchecked Sendable {
    // @unchecked: behind `lock`.
    private let lock = NSLock()
    private var errors: [any Error] = []
    func add(_ error: any Error) { lock.withLock { errors.append(error) } }
    var first: (any Error)? { lock.withLock { errors.first } }
}
