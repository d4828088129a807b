// Shared pieces of the `recipes serve` benchmarks (intake, durable e2e, recovery, serve memory):
// a keep-alive HTTP load generator over blocking loopback sockets (one thread per connection,
// one request in flight per connection, pre-built request bytes), a store wrapper that counts
// write transactions (each one commit and one WAL sync under synchronous=FULL) and can turn
// the step journal off, log sinks that count events, and signed HiBob request bytes.
#if canImport(Glibc)
import Glibc
#endif
import Foundation
import RecipeData
import RecipeRuntime
import RecipeSandbox
import RecipeStore
import RecipeStoreSQLite
import Synchronization

// MARK: Load generator

/// What one load run measured.
struct LoadResult {
    var seconds: Double
    var latenciesMs: [Double]
    var statuses: [Int: Int]
    var perSecond: Double { Double(latenciesMs.count) / seconds }
    var ok: Int { statuses.filter { (200..<300).contains($0.key) }.values.reduce(0, +) }
}

enum KeepAliveLoad {
    /// Sends every request of `requests` once, over `connections` keep-alive connections to
    /// 127.0.0.1:`port`, each connection one request at a time; returns when all are answered.
    static func run(port: Int, requests: [[UInt8]], connections: Int) -> LoadResult {
        let next = Atomic<Int>(0)
        let results = Mutex<[([Double], [Int: Int])]>([])
        let done = DispatchGroup()
        let start = ContinuousClock.now
        for _ in 0..<connections {
            done.enter()
            let thread = Thread {
                let outcome = connectionLoop(port: port, requests: requests, next: next)
                results.withLock { $0.append(outcome) }
                done.leave()
            }
            thread.stackSize = 256 * 1024
            thread.start()
        }
        done.wait()
        let elapsed = seconds(ContinuousClock.now - start)
        var latencies: [Double] = []
        latencies.reserveCapacity(requests.count)
        var statuses: [Int: Int] = [:]
        for (lat, stat) in results.withLock({ $0 }) {
            latencies.append(contentsOf: lat)
            for (key, count) in stat { statuses[key, default: 0] += count }
        }
        return LoadResult(seconds: elapsed, latenciesMs: latencies, statuses: statuses)
    }

    private static func connect(port: Int) -> Int32 {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        check(fd >= 0, "socket: \(errno)")
        var one: Int32 = 1
        setsockopt(fd, Int32(IPPROTO_TCP), TCP_NODELAY, &one, socklen_t(MemoryLayout<Int32>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let result = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { Glibc.connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        check(result == 0, "connect to 127.0.0.1:\(port): errno \(errno)")
        return fd
    }

    private static func connectionLoop(port: Int, requests: [[UInt8]], next: borrowing Atomic<Int>) -> ([Double], [Int: Int]) {
        var fd = connect(port: port)
        var latencies: [Double] = []
        var statuses: [Int: Int] = [:]
        var buffer = [UInt8](repeating: 0, count: 64 * 1024)
        var pending: [UInt8] = []
        while true {
            let index = next.wrappingAdd(1, ordering: .relaxed).oldValue
            if index >= requests.count { break }
            let began = ContinuousClock.now
            let request = requests[index]
            var sent = 0
            while sent < request.count {
                let n = request.withUnsafeBytes { send(fd, $0.baseAddress! + sent, request.count - sent, Int32(MSG_NOSIGNAL)) }
                if n < 0 && errno == EINTR { continue }
                check(n > 0, "send: errno \(errno)")
                sent += n
            }
            // Read one response: headers, then Content-Length bytes of body.
            pending.removeAll(keepingCapacity: true)
            var headerEnd = -1
            var total = -1
            var closeAfter = false
            while total < 0 || pending.count < total {
                let n = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress!, $0.count, 0) }
                if n < 0 && errno == EINTR { continue }
                check(n > 0, "recv: connection closed or failed (errno \(errno)) after \(pending.count) bytes")
                pending.append(contentsOf: buffer[0..<n])
                if headerEnd < 0, let end = headerTerminator(pending) {
                    headerEnd = end
                    let head = String(decoding: pending[0..<end], as: UTF8.self).lowercased()
                    var length = 0
                    for line in head.split(separator: "\r\n") {
                        if line.hasPrefix("content-length:") {
                            length = Int(line.dropFirst("content-length:".count).trimmingCharacters(in: .whitespaces)) ?? 0
                        } else if line.hasPrefix("connection:"), line.contains("close") {
                            closeAfter = true
                        }
                    }
                    total = end + 4 + length
                }
            }
            let status = Int(String(decoding: pending[9..<12], as: UTF8.self)) ?? 0
            latencies.append(seconds(ContinuousClock.now - began) * 1e3)
            statuses[status, default: 0] += 1
            if closeAfter {
                close(fd)
                fd = connect(port: port)
            }
        }
        close(fd)
        return (latencies, statuses)
    }

    private static func headerTerminator(_ bytes: [UInt8]) -> Int? {
        guard bytes.count >= 4 else { return nil }
        for i in 0...(bytes.count - 4) where bytes[i] == 13 && bytes[i + 1] == 10 && bytes[i + 2] == 13 && bytes[i + 3] == 10 {
            return i
        }
        return nil
    }

    /// The raw bytes of a POST of `delivery` to `path`, keep-alive.
    static func post(_ path: String, _ delivery: WebhookDelivery) -> [UInt8] {
        var head = "POST \(path) HTTP/1.1\r\nHost: 127.0.0.1\r\n"
        for (name, value) in delivery.headers.sorted(by: { $0.key < $1.key }) where name.lowercased() != "content-length" {
            head += "\(name): \(value)\r\n"
        }
        head += "Content-Length: \(delivery.body.count)\r\n\r\n"
        return Array(head.utf8) + delivery.body
    }
}

// MARK: Signed HiBob deliveries

enum SignedHiBob {
    /// `count` distinct signed `employee.updated` deliveries (distinct bodies, so none is a
    /// duplicate of another); `salt` keeps rounds distinct from each other. Each event has its
    /// own `triggeredAt`, 10 µs after the previous one, as HiBob's microsecond times of
    /// successive events are (one shared time would make every dedup key share a prefix and
    /// land at a random place in the store's dedup index, which real deliveries do not).
    static func deliveries(_ sandbox: Sandbox, count: Int, salt: String, employees: [String]) -> [WebhookDelivery] {
        let company = sandbox.configuration.hibob.companyID
        let start = Date()
        return (0..<count).map { n in
            sandbox.delivery(
                for: HiBobEvent(
                    companyID: company, type: "employee.updated",
                    triggeredAt: SandboxDate.hibobTimestamp(start.addingTimeInterval(Double(n) * 10e-6)),
                    data: [
                        "employeeId": .string(employees[n % employees.count]),
                        "fieldUpdates": [["fieldId": "work.department", "oldValue": "R&D", "newValue": .string("Platform \(salt)-\(n)")]],
                    ]))
        }
    }
}

// MARK: Store wrapper

/// Forwards to a store, counting write transactions (appends, claims, journal entries,
/// finishes...: each is one commit, one WAL sync with synchronous=FULL); with `journalOff`
/// the step journal is not written (entries are acknowledged, not stored).
final class CountingStore: RecipeStore {
    let base: any RecipeStore
    let journalOff: Bool
    /// With `SQLITE_OFF_POOL=1` (an experiment for a Sources change): every call into the
    /// SQLite actor runs under a task executor preference for one serial Dispatch queue (SE-0417:
    /// a default actor runs on its caller's preferred task executor), so its blocking syncs
    /// hold that queue's thread instead of one of the cooperative pool's (one per core).
    static let offPool: StoreQueueExecutor? = ProcessInfo.processInfo.environment["SQLITE_OFF_POOL"] == "1" ? StoreQueueExecutor() : nil
    /// With `SYNC_IN_COMMIT=1`: every commit syncs (synchronous=FULL) before the next starts,
    /// as before pipelined syncs (RecipeStore's Committed.swift), to compare the two.
    static let syncInCommit = ProcessInfo.processInfo.environment["SYNC_IN_COMMIT"] == "1"
    let deliveryCommits = Atomic<Int>(0)
    let deliveriesAppended = Atomic<Int>(0)
    let journalCommits = Atomic<Int>(0)
    /// Journal entries written (several per commit when grouped).
    let journalEntries = Atomic<Int>(0)
    let otherCommits = Atomic<Int>(0)
    private let sequence = Atomic<Int>(0)

    init(_ base: any RecipeStore, journalOff: Bool = false) {
        self.base = base
        self.journalOff = journalOff
    }

    private func off<T>(_ body: () async throws(StoreError) -> T) async throws(StoreError) -> T {
        guard let executor = Self.offPool else { return try await body() }
        return try await withTaskExecutorPreference(executor, operation: body)
    }

    var totalCommits: Int {
        deliveryCommits.load(ordering: .relaxed) + journalCommits.load(ordering: .relaxed) + otherCommits.load(ordering: .relaxed)
    }

    func appendDeliveries(_ intakes: [DeliveryIntake], dedupWindow: Int64) async throws(StoreError) -> [StoredDelivery] {
        deliveryCommits.add(1, ordering: .relaxed)
        deliveriesAppended.add(intakes.count, ordering: .relaxed)
        return try await off { () async throws(StoreError) in try await self.base.appendDeliveries(intakes, dedupWindow: dedupWindow) }
    }
    func commitDeliveries(_ intakes: [DeliveryIntake], dedupWindow: Int64) async throws(StoreError) -> Committed<[StoredDelivery]> {
        deliveryCommits.add(1, ordering: .relaxed)
        deliveriesAppended.add(intakes.count, ordering: .relaxed)
        if Self.syncInCommit {
            return Committed(try await base.appendDeliveries(intakes, dedupWindow: dedupWindow), ticket: .durable)
        }
        return try await off { () async throws(StoreError) in try await self.base.commitDeliveries(intakes, dedupWindow: dedupWindow) }
    }
    func waitUntilDurable(_ ticket: DurabilityTicket) async throws(StoreError) { try await base.waitUntilDurable(ticket) }
    func delivery(id: Int64) async throws(StoreError) -> StoredDelivery? { try await off { () async throws(StoreError) in try await self.base.delivery(id: id) } }
    func deliveries(_ filter: DeliveryFilter) async throws(StoreError) -> [StoredDelivery] { try await off { () async throws(StoreError) in try await self.base.deliveries(filter) } }
    func enqueue(_ jobs: [NewJob]) async throws(StoreError) -> [StoredJob] {
        otherCommits.add(1, ordering: .relaxed)
        return try await off { () async throws(StoreError) in try await self.base.enqueue(jobs) }
    }
    func claim(owner: String, now: Int64, lease: Int64, limits: ClaimLimits) async throws(StoreError) -> [StoredJob] {
        otherCommits.add(1, ordering: .relaxed)
        return try await off { () async throws(StoreError) in try await self.base.claim(owner: owner, now: now, lease: lease, limits: limits) }
    }
    func postpone(jobID: Int64, owner: String, runAfter: Int64) async throws(StoreError) -> StoredJob {
        otherCommits.add(1, ordering: .relaxed)
        return try await off { () async throws(StoreError) in try await self.base.postpone(jobID: jobID, owner: owner, runAfter: runAfter) }
    }
    func saveRecipeContent(_ bytes: [UInt8], hash: String) async throws(StoreError) {
        otherCommits.add(1, ordering: .relaxed)
        try await off { () async throws(StoreError) in try await self.base.saveRecipeContent(bytes, hash: hash) }
    }
    func recipeContent(hash: String) async throws(StoreError) -> [UInt8]? {
        try await off { () async throws(StoreError) in try await self.base.recipeContent(hash: hash) }
    }
    func renewLease(jobID: Int64, owner: String, now: Int64, lease: Int64) async throws(StoreError) -> StoredJob {
        otherCommits.add(1, ordering: .relaxed)
        return try await off { () async throws(StoreError) in try await self.base.renewLease(jobID: jobID, owner: owner, now: now, lease: lease) }
    }
    func expireAllLeases(now: Int64) async throws(StoreError) -> Int {
        otherCommits.add(1, ordering: .relaxed)
        return try await off { () async throws(StoreError) in try await self.base.expireAllLeases(now: now) }
    }
    func finish(_ batch: [JobFinish]) async throws(StoreError) -> [Result<StoredJob, StoreError>] {
        otherCommits.add(1, ordering: .relaxed)
        return try await off { () async throws(StoreError) in try await self.base.finish(batch) }
    }
    func acknowledge(jobID: Int64, now: Int64) async throws(StoreError) -> StoredJob? {
        otherCommits.add(1, ordering: .relaxed)
        return try await off { () async throws(StoreError) in try await self.base.acknowledge(jobID: jobID, now: now) }
    }
    func countJobs(status: StoredJobStatus) async throws(StoreError) -> Int { try await base.countJobs(status: status) }
    func job(id: Int64) async throws(StoreError) -> StoredJob? { try await off { () async throws(StoreError) in try await self.base.job(id: id) } }
    func jobs(_ filter: JobFilter) async throws(StoreError) -> [StoredJob] { try await off { () async throws(StoreError) in try await self.base.jobs(filter) } }
    func appendJournal(_ batch: [JournalAppend]) async throws(StoreError) -> [Result<JournalAppended, StoreError>] {
        if journalOff {
            var results: [Result<JournalAppended, StoreError>] = []
            for append in batch {
                let stored = append.children.isEmpty ? [] : try await base.enqueue(append.children)
                let entry = StoredJournalEntry(sequence: sequence.add(1, ordering: .relaxed).newValue, entry: append.entry)
                results.append(.success(JournalAppended(entry: entry, children: stored)))
            }
            return results
        }
        journalCommits.add(1, ordering: .relaxed)
        journalEntries.add(batch.count, ordering: .relaxed)
        return try await off { () async throws(StoreError) in try await self.base.appendJournal(batch) }
    }
    func commitJournal(_ batch: [JournalAppend]) async throws(StoreError) -> Committed<[Result<JournalAppended, StoreError>]> {
        if journalOff || Self.syncInCommit { return Committed(try await appendJournal(batch), ticket: .durable) }
        journalCommits.add(1, ordering: .relaxed)
        journalEntries.add(batch.count, ordering: .relaxed)
        return try await off { () async throws(StoreError) in try await self.base.commitJournal(batch) }
    }
    func journal(jobID: Int64) async throws(StoreError) -> [StoredJournalEntry] {
        journalOff ? [] : try await base.journal(jobID: jobID)
    }
    func setLifecycle(_ lifecycle: RecipeLifecycle) async throws(StoreError) { try await off { () async throws(StoreError) in try await self.base.setLifecycle(lifecycle) } }
    func lifecycle(recipe: String) async throws(StoreError) -> RecipeLifecycle? { try await off { () async throws(StoreError) in try await self.base.lifecycle(recipe: recipe) } }
    func lifecycles() async throws(StoreError) -> [RecipeLifecycle] { try await off { () async throws(StoreError) in try await self.base.lifecycles() } }
    func scheduleCursor(recipe: String) async throws(StoreError) -> Int64? { try await off { () async throws(StoreError) in try await self.base.scheduleCursor(recipe: recipe) } }
    func advanceScheduleCursor(recipe: String, from expected: Int64?, to firedAt: Int64) async throws(StoreError) -> Bool {
        try await off { () async throws(StoreError) in try await self.base.advanceScheduleCursor(recipe: recipe, from: expected, to: firedAt) }
    }
    func keyState(recipe: String, key: String) async throws(StoreError) -> JSONValue? { try await off { () async throws(StoreError) in try await self.base.keyState(recipe: recipe, key: key) } }
    func setKeyState(recipe: String, key: String, value: JSONValue?) async throws(StoreError) {
        try await off { () async throws(StoreError) in try await self.base.setKeyState(recipe: recipe, key: key, value: value) }
    }
    func pruneDeliveries(receivedBefore: Int64, limit: Int) async throws(StoreError) -> Int {
        try await base.pruneDeliveries(receivedBefore: receivedBefore, limit: limit)
    }
    func pruneSucceededJobs(_ policy: RetentionPolicy, now: Int64) async throws(StoreError) -> Int {
        try await off { () async throws(StoreError) in try await self.base.pruneSucceededJobs(policy, now: now) }
    }
}

/// A task executor on one serial Dispatch queue (its own thread while it runs).
final class StoreQueueExecutor: TaskExecutor {
    private let queue = DispatchQueue(label: "bench.sqlite")

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        let executor = asUnownedTaskExecutor()
        queue.async { job.runSynchronously(on: executor) }
    }
}

/// Opens the SQLite store at `path`; with `SQLITE_PAGE_SIZE=N` (an experiment for a Sources
/// change) a new file is first created with that page size (the default is 4096), then migrated
/// by SQLiteStore as usual. Returns the store and the page size in use.
func openBenchStore(path: String) throws -> (SQLiteStore, Int) {
    if let size = ProcessInfo.processInfo.environment["SQLITE_PAGE_SIZE"].flatMap(Int.init), !FileManager.default.fileExists(atPath: path) {
        let connection = try SQLiteConnection(path: path)
        try connection.execute("PRAGMA journal_mode=DELETE; PRAGMA page_size=\(size); VACUUM; PRAGMA journal_mode=WAL")
    }
    let store = try SQLiteStore(path: path)
    let probe = try SQLiteConnection(path: path)
    let size = try probe.query("PRAGMA page_size", mapError: { $0 }) { row throws(SQLiteError) in Int(row.int64(0)) }.first ?? 0
    return (store, size)
}

// MARK: Log sinks

/// Counts log events by name (`event=<name>`), and remembers when the first of `watched` came.
final class CountingSink: LogSink {
    let succeeded = Atomic<Int>(0)
    let failed = Atomic<Int>(0)
    let accepted = Atomic<Int>(0)
    private let firstWatched = Mutex<ContinuousClock.Instant?>(nil)
    private let lastLine = Mutex<String>("")
    let watched: String

    init(watched: String = "event=job.resumed") { self.watched = watched }

    func write(line: String) {
        if line.contains("event=job.succeeded") {
            succeeded.add(1, ordering: .relaxed)
        } else if line.contains("event=job.failed") {
            failed.add(1, ordering: .relaxed)
            lastLine.withLock { $0 = line }
        } else if line.contains("event=delivery.accepted") {
            accepted.add(1, ordering: .relaxed)
        }
        if line.contains(watched) {
            let now = ContinuousClock.now
            firstWatched.withLock { if $0 == nil { $0 = now } }
        }
    }

    var finished: Int { succeeded.load(ordering: .relaxed) + failed.load(ordering: .relaxed) }
    var firstWatchedAt: ContinuousClock.Instant? { firstWatched.withLock { $0 } }
    var lastFailure: String { lastLine.withLock { $0 } }
}

/// Log lines formatted and written to /dev/null, as `recipes serve` pays for them on stderr.
func devNullSink() -> StandardErrorSink {
    StandardErrorSink(fileDescriptor: open("/dev/null", O_WRONLY))
}

/// Resident memory of process `pid` in KiB (`VmRSS`), and its peak (`VmHWM`).
func residentKiB(pid: Int32) -> (rss: Int, peak: Int)? {
    guard let status = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8) else { return nil }
    var rss: Int?
    var peak: Int?
    for line in status.split(separator: "\n") {
        let value = Int(line.split(separator: " ", omittingEmptySubsequences: true).dropFirst().first ?? "")
        if line.hasPrefix("VmRSS:") { rss = value }
        if line.hasPrefix("VmHWM:") { peak = value }
    }
    guard let rss, let peak else { return nil }
    return (rss, peak)
}

/// Prints a figure against a floor (higher is better): `[ok]` or `[MISSED ...]`.
func reportAtLeast(_ label: String, _ summary: Summary, unit: String, target: Double) {
    var line = "\(label): median \(format(summary.median)) \(unit) (min \(format(summary.min)), max \(format(summary.max)))"
    line += " target >= \(format(target)) \(unit)"
    line += summary.median >= target ? " [ok]" : " [MISSED by \(Int((1 - summary.median / target) * 100))%]"
    print(line)
    fflush(nil)
}

/// Rounds for the serve benchmarks (each round is several seconds).
let serveRounds = Int(ProcessInfo.processInfo.environment["SERVE_ROUNDS"] ?? "") ?? 5
