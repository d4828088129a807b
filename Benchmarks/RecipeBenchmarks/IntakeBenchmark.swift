// intake: durable intake of signed HiBob webhooks over keep-alive loopback connections, the
// way `recipes serve` wires it (EngineService's router on the epoll HTTPServer, a SQLite file
// in WAL with synchronous=FULL, log lines formatted and written to /dev/null), against the same
// server's no-op route in the same run. The load generator (64 connections, one request in
// flight each) runs in this process on the same 2 cores, alike for every route.
//
// Three routes per round, alternating: `POST /noop` (the same request bytes, answered 200 with
// a small JSON body), the webhook with no recipe started (deliveries recorded, no job), and
// the webhook with the hibob-docebo recipes started but no workers (each delivery also
// enqueues a capture-user-update job in its transaction; the jobs stay queued).
import Foundation
import RecipeConnectors
import RecipeCrypto
import RecipeData
import RecipeEngine
import RecipeHTTP
import RecipeHTTPCore
import RecipeIntake
import RecipeModel
import RecipeRuntime
import RecipeSandbox
import RecipeStore
import RecipeStoreSQLite
import RecipeTestSupport

enum IntakeBenchmark {
    static let perRound = 20_000
    static let connections = Int(ProcessInfo.processInfo.environment["INTAKE_CONNECTIONS"] ?? "") ?? 64
    static let targetPerSecond = 10_000.0
    static let targetP99 = 20.0
    static let targetRatio = 0.5

    struct Sample {
        var perSecond: Double
        var p50: Double
        var p99: Double
        var commitsPerDelivery: Double
        /// WAL fsyncs per delivery (pipelined syncs: one sync covers several commits).
        var syncsPerDelivery: Double
        var cpuSeconds: Double
        /// Mean duration of an intake commit (transaction + WAL sync), ms.
        var commitMs: Double = 0
        /// Share of the round the single writer spent committing (1 = the writer is saturated).
        var writerBusy: Double = 0
        /// Bytes the process caused to be written to storage (/proc/self/io write_bytes: WAL
        /// frames and checkpoints), per delivery.
        var storageBytes: Double = 0
    }

    static func storageWriteBytes() -> Double {
        guard let io = try? String(contentsOfFile: "/proc/self/io", encoding: .utf8) else { return 0 }
        for line in io.split(separator: "\n") where line.hasPrefix("write_bytes:") {
            return Double(line.split(separator: " ").last ?? "") ?? 0
        }
        return 0
    }

    /// `recipes_store_commit_duration_seconds` sum and count from the service's metrics text.
    static func commitTotals(_ service: EngineService) -> (sum: Double, count: Double) {
        var sum = 0.0
        var count = 0.0
        for line in service.metrics.render().split(separator: "\n") {
            let parts = line.split(separator: " ")
            guard parts.count == 2, let value = Double(parts[1]) else { continue }
            if parts[0] == "recipes_store_commit_duration_seconds_sum" { sum = value }
            if parts[0] == "recipes_store_commit_duration_seconds_count" { count = value }
        }
        return (sum, count)
    }

    final class Server {
        let directory: URL
        let sqlite: SQLiteStore
        let counting: CountingStore
        let service: EngineService
        let http: HTTPServer
        let port: Int
        let pageSize: Int

        init(fixture: SandboxFixture, project: Project, startRecipes: Bool, name: String) async throws {
            directory = FileManager.default.temporaryDirectory.appendingPathComponent("recipes-intake-bench-\(name)-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            let (sqlite, pageSize) = try openBenchStore(path: directory.appendingPathComponent("engine.sqlite").path)
            self.pageSize = pageSize
            self.sqlite = sqlite
            counting = CountingStore(sqlite)
            if startRecipes {
                for recipe in project.recipes.values where recipe.id.folder == "hibob-docebo" {
                    try await counting.setLifecycle(
                        RecipeLifecycle(
                            recipe: recipe.id.description, state: .started, pinnedContentHash: recipe.contentHash,
                            changedAt: Timestamp.milliseconds(Date())))
                }
            }
            let interpreter = Interpreter(project: project, connectors: fixture.runtime.registry, notifier: RecordingNotifier())
            service = EngineService(
                store: counting, interpreter: interpreter,
                intake: WebhookIntake(project: project, verifiers: fixture.runtime.webhookVerifiers),
                owner: "bench-intake-\(name)", log: EventLog(sink: devNullSink(), clock: { Timestamp.milliseconds(Date()) }))
            // The workers are not started: jobs queue (and no recovery pass is needed on a new file).
            var router = service.router()
            router.add(.post, "/noop") { _, _ in .json(["ok": true]) }
            var limits = HTTPServerLimits.default
            limits.maxBodyBytes = WebhookIntake.defaultBodyLimit
            http = HTTPServer(configuration: .init(host: "127.0.0.1", port: 0, limits: limits), handler: router)
            port = try http.start()
        }

        func stop() async {
            await http.shutdown()
            service.writer.stop()
            try? FileManager.default.removeItem(at: directory)
        }
    }

    static func cpuSeconds() -> Double {
        var usage = rusage()
        getrusage(Int32(RUSAGE_SELF.rawValue), &usage)
        return Double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) + Double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6
    }

    static func measure(_ server: Server, path: String, requests: [[UInt8]]) -> Sample {
        let commits = server.counting.deliveryCommits.load(ordering: .relaxed)
        let syncs = server.sqlite.pipelinedSyncCount
        let appended = server.counting.deliveriesAppended.load(ordering: .relaxed)
        let totals = commitTotals(server.service)
        let written = storageWriteBytes()
        let cpu = cpuSeconds()
        let result = KeepAliveLoad.run(port: server.port, requests: requests, connections: connections)
        let cpuUsed = cpuSeconds() - cpu
        check(result.ok == requests.count, "\(path): answered \(result.statuses), not \(requests.count) × 200")
        let newCommits = server.counting.deliveryCommits.load(ordering: .relaxed) - commits
        let newDeliveries = server.counting.deliveriesAppended.load(ordering: .relaxed) - appended
        let after = commitTotals(server.service)
        let commitSeconds = after.sum - totals.sum
        let commitCount = after.count - totals.count
        return Sample(
            perSecond: result.perSecond, p50: percentile(result.latenciesMs, 0.5), p99: percentile(result.latenciesMs, 0.99),
            commitsPerDelivery: newDeliveries == 0 ? 0 : Double(newCommits) / Double(newDeliveries),
            syncsPerDelivery: newDeliveries == 0
                ? 0 : Double(CountingStore.syncInCommit ? newCommits : server.sqlite.pipelinedSyncCount - syncs) / Double(newDeliveries),
            cpuSeconds: cpuUsed / result.seconds,
            commitMs: commitCount == 0 ? 0 : commitSeconds / commitCount * 1e3, writerBusy: commitSeconds / result.seconds,
            storageBytes: newDeliveries == 0 ? 0 : (storageWriteBytes() - written) / Double(newDeliveries))
    }

    static func run() async throws {
        let fixture = try SandboxFixture(employees: 200)
        let project = ProjectLoader.load(root: fixture.root)
        let employees = fixture.sandbox.hibobEmployees.map(\.id)
        let alone = try await Server(fixture: fixture, project: project, startRecipes: false, name: "alone")
        let jobs = try await Server(fixture: fixture, project: project, startRecipes: true, name: "jobs")
        let path = WebhookIntake.path(folder: "hibob-docebo", connection: "hibob")
        if ProcessInfo.processInfo.environment["INTAKE_BREAKDOWN_ONLY"] != nil {
            try await breakdown(fixture: fixture, project: project, server: jobs, employees: employees)
            return
        }

        var noop: [Sample] = []
        var intake: [Sample] = []
        var queued: [Sample] = []
        for round in 0...serveRounds {
            let deliveries = SignedHiBob.deliveries(fixture.sandbox, count: perRound, salt: "r\(round)", employees: employees)
            let noopRequests = deliveries.map { KeepAliveLoad.post("/noop", $0) }
            let webhookRequests = deliveries.map { KeepAliveLoad.post(path, $0) }
            let n = measure(alone, path: "/noop", requests: noopRequests)
            let a = measure(alone, path: path, requests: webhookRequests)
            let q = measure(jobs, path: path, requests: webhookRequests)
            if round > 0 {  // round 0 is the warm-up
                noop.append(n)
                intake.append(a)
                queued.append(q)
            }
        }
        let queuedJobs = try await jobs.counting.jobs(JobFilter(status: .queued, limit: 1_000_000)).count
        check(queuedJobs == perRound * (serveRounds + 1), "\(queuedJobs) jobs queued, not \(perRound * (serveRounds + 1))")

        let label = "intake: signed HiBob webhooks, \(connections) keep-alive connections, \(perRound) per round"
        report("\(label): no-op route", Summary(noop.map(\.perSecond)), unit: "requests/s", target: nil)
        report("\(label): no-op route p99", Summary(noop.map(\.p99)), unit: "ms", target: nil)
        for (name, samples) in [("durable, no recipe started", intake), ("durable + job queued, recipes started, no workers", queued)] {
            reportAtLeast("\(label): \(name)", Summary(samples.map(\.perSecond)), unit: "deliveries/s", target: targetPerSecond)
            report("\(label): \(name) p50", Summary(samples.map(\.p50)), unit: "ms", target: nil)
            report("\(label): \(name) p99", Summary(samples.map(\.p99)), unit: "ms", target: targetP99)
            reportAtLeast(
                "\(label): \(name) / no-op route", Summary(zip(samples, noop).map { $0.perSecond / $1.perSecond }), unit: "x",
                target: targetRatio)
            report("\(label): \(name) commits per delivery", Summary(samples.map(\.commitsPerDelivery)), unit: "commits", target: nil)
            report("\(label): \(name) WAL fsyncs per delivery", Summary(samples.map(\.syncsPerDelivery)), unit: "fsyncs", target: nil)
            report("\(label): \(name) process CPU", Summary(samples.map(\.cpuSeconds)), unit: "cores", target: nil)
            report("\(label): \(name) mean intake commit to durable (transaction + its sync)", Summary(samples.map(\.commitMs)), unit: "ms", target: nil)
            report("\(label): \(name) commits in flight (commit-to-durable time / wall time)", Summary(samples.map(\.writerBusy)), unit: "x", target: nil)
            report("\(label): \(name) storage bytes written per delivery (WAL + checkpoints)", Summary(samples.map(\.storageBytes)), unit: "bytes", target: nil)
        }
        report("\(label): no-op route process CPU", Summary(noop.map(\.cpuSeconds)), unit: "cores", target: nil)
        print("intake setting: \(serveRounds) rounds after a warm-up, routes alternating; load generator in process (\(connections) threads); "
            + "\(queuedJobs) jobs left queued in the second server; fsyncs = WAL syncs answering intake commits (pipelined: "
            + "commits with synchronous=NORMAL, then an fdatasync covering every commit before it; SYNC_IN_COMMIT=1: one FULL sync per commit; "
            + "checkpoints not counted); SQLite page size \(alone.pageSize)"
            + (CountingStore.offPool != nil ? "; SQLITE_OFF_POOL=1: store calls on a dedicated queue" : ""))
        fflush(nil)
        try await breakdown(fixture: fixture, project: project, server: jobs, employees: employees)
        await alone.stop()
        await jobs.stop()
        await fixture.stop()
    }

    /// Where a delivery's time goes, one thread, no sockets: microseconds per delivery for the
    /// signature check, the intake's whole check (signature, JSON parse, dedup key), the routing
    /// to started recipes, and the store's append at the batch size the writer reached; then the
    /// webhook route called in process by 64 concurrent tasks (intake + group commit, no HTTP).
    static func breakdown(fixture: SandboxFixture, project: Project, server: Server, employees: [String]) async throws {
        let count = 4_000
        let deliveries = SignedHiBob.deliveries(fixture.sandbox, count: count, salt: "breakdown", employees: employees)
        let path = WebhookIntake.path(folder: "hibob-docebo", connection: "hibob")
        let requests = deliveries.map { delivery -> HTTPRequest in
            var headers = HTTPHeaders()
            for (name, value) in delivery.headers { headers.add(name, value) }
            headers.add("Content-Length", String(delivery.body.count))
            return HTTPRequest(method: .post, target: path, headers: headers, body: delivery.body)
        }
        let verifier = fixture.runtime.webhookVerifiers["hibob"]!
        let intake = server.service.served.snapshot.intake
        func perDelivery(_ body: () throws -> Void) rethrows -> Double {
            let start = ContinuousClock.now
            try body()
            return seconds(ContinuousClock.now - start) / Double(count) * 1e6
        }
        let secret = Array(fixture.sandbox.configuration.hibob.webhookSecret.utf8)
        var hmac: [Double] = []
        var verify: [Double] = []
        var receive: [Double] = []
        var route: [Double] = []
        var parse: [Double] = []
        let lifecycles = try await server.service.startedRecipes.reload(now: Timestamp.milliseconds(Date()))
        var accepted: [AcceptedDelivery] = []
        for round in 0...serveRounds {
            let v = perDelivery {
                for request in requests {
                    guard case .valid = verifier.verify(headers: request.headers, body: request.body) else { fatalError("not valid") }
                }
            }
            let p = try perDelivery { for request in requests { _ = try JSONParser.parseValue(request.body, path: "body") } }
            let h = perDelivery { for request in requests { _ = HashAlgorithm.sha512.authenticationCode(for: request.body, key: secret) } }
            accepted.removeAll()
            let r = try perDelivery {
                for request in requests {
                    guard case .accepted(let delivery) = try intake.receive(request, folder: "hibob-docebo", connection: "hibob", at: Date())
                    else { fatalError("not accepted") }
                    accepted.append(delivery)
                }
            }
            let o = perDelivery { for delivery in accepted { _ = server.service.served.snapshot.routing.intake(for: delivery, lifecycles: lifecycles) } }
            if round > 0 {
                verify.append(v)
                parse.append(p)
                hmac.append(h)
                receive.append(r)
                route.append(o)
            }
        }
        // The store alone, batches of 32 (about the writer's batch at 64 connections), new rows.
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("recipes-intake-breakdown-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let sqlite = try SQLiteStore(path: directory.appendingPathComponent("engine.sqlite").path)
        var append: [Double] = []
        var inProcess: [Double] = []
        for round in 0...serveRounds {
            let batch = accepted.map { delivery -> DeliveryIntake in
                var intake = server.service.served.snapshot.routing.intake(for: delivery, lifecycles: lifecycles)
                intake.delivery.dedupKey = "\(round)-" + (intake.delivery.dedupKey ?? "")
                return intake
            }
            // Commits only (the writer's own work; the syncs overlap it), then one wait at the end.
            let start = ContinuousClock.now
            var last = DurabilityTicket.durable
            for chunk in stride(from: 0, to: batch.count, by: 32) {
                last = try await sqlite.commitDeliveries(Array(batch[chunk..<min(chunk + 32, batch.count)]), dedupWindow: StoreDefaults.dedupWindow).ticket
            }
            let a = seconds(ContinuousClock.now - start) / Double(batch.count) * 1e6
            try await sqlite.waitUntilDurable(last)
            if ProcessInfo.processInfo.environment["INTAKE_BREAKDOWN_ONLY"] != nil { print("append round \(round): \(format(a)) µs/delivery") }
            // The route in process: 64 tasks calling the router (fresh bodies each round).
            let fresh = SignedHiBob.deliveries(fixture.sandbox, count: count, salt: "inprocess-\(round)", employees: employees).map {
                delivery -> HTTPRequest in
                var headers = HTTPHeaders()
                for (name, value) in delivery.headers { headers.add(name, value) }
                headers.add("Content-Length", String(delivery.body.count))
                return HTTPRequest(method: .post, target: path, headers: headers, body: delivery.body)
            }
            let router = server.service.router()
            let began = ContinuousClock.now
            await withTaskGroup(of: Void.self) { group in
                var next = 0
                func launch() {
                    let request = fresh[next]
                    next += 1
                    group.addTask {
                        let answer = await router.handle(request)
                        check(answer.status == 200, "in process: \(answer.status)")
                    }
                }
                while next < 64 { launch() }
                for await _ in group where next < fresh.count { launch() }
            }
            let i = Double(count) / seconds(ContinuousClock.now - began)
            if round > 0 {
                append.append(a)
                inProcess.append(i)
            }
        }
        let label = "intake breakdown (one thread, \(count) deliveries)"
        report("\(label): WebhookVerifier.verify (size check for a ping + HMAC-SHA512 + header decode)", Summary(verify), unit: "µs/delivery", target: nil)
        report("\(label): of which HMAC-SHA512 alone", Summary(hmac), unit: "µs/delivery", target: nil)
        report("\(label): JSON parse of the body", Summary(parse), unit: "µs/delivery", target: nil)
        report("\(label): WebhookIntake.receive (signature, parse, dedup key)", Summary(receive), unit: "µs/delivery", target: nil)
        report("\(label): DeliveryRouting.intake (jobs to start)", Summary(route), unit: "µs/delivery", target: nil)
        report("\(label): SQLiteStore.commitDeliveries in batches of 32, with a job each (commit only, synchronous=NORMAL)", Summary(append), unit: "µs/delivery", target: nil)
        report("intake breakdown: webhook route in process, 64 concurrent tasks, no sockets (recipes started, jobs queue)",
            Summary(inProcess), unit: "deliveries/s", target: nil)
    }
}
