// durable-e2e: the e2e benchmark's HiBob → Docebo job (hibob-docebo/capture-user-update against
// the sandbox, update path, 5 HTTP calls a job) run the way `recipes serve` runs it: each
// signed delivery goes through EngineService's webhook route (verify, route, group-committed
// to a SQLite file with its job), and the worker pool (8 jobs at once, as the e2e benchmark's 8
// in flight) claims the job, runs it with the write-ahead step journal in the store and
// records its end. Timed from the first delivery handed in to the last job ended, 500 jobs a
// round. Measured in the same run, rounds alternating: the same with the journal off (a store
// wrapper acknowledges journal entries without writing them; intake, claim and finish still
// durable), the in-memory engine job of the e2e benchmark, and its hand-written floor.
import Foundation
import RecipeConnectors
import RecipeData
import RecipeEngine
import RecipeHTTPCore
import RecipeIntake
import RecipeModel
import RecipeRuntime
import RecipeSandbox
import RecipeStore
import RecipeStoreSQLite
import RecipeTestSupport
import Synchronization

enum DurableE2EBenchmark {
    static let jobsPerRound = E2EBenchmark.jobsPerRound
    static let inFlight = E2EBenchmark.inFlight
    static let targetRatio = 0.8
    static let recipe = "hibob-docebo/capture-user-update"

    final class Engine {
        let directory: URL
        let counting: CountingStore
        let sink = CountingSink()
        let service: EngineService
        let router: Router

        init(fixture: SandboxFixture, project: Project, journalOff: Bool, name: String) async throws {
            directory = FileManager.default.temporaryDirectory.appendingPathComponent("recipes-e2e-bench-\(name)-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            counting = CountingStore(try openBenchStore(path: directory.appendingPathComponent("engine.sqlite").path).0, journalOff: journalOff)
            guard let id = RecipeID(qualified: recipe), let loaded = project.recipes[id] else {
                throw SandboxFixture.SetupError(description: "no recipe \(recipe)")
            }
            try await counting.setLifecycle(
                RecipeLifecycle(recipe: recipe, state: .started, pinnedContentHash: loaded.contentHash, changedAt: Timestamp.milliseconds(Date())))
            var interpreter = Interpreter(project: project, connectors: fixture.runtime.registry, notifier: RecordingNotifier())
            interpreter.redactor = fixture.runtime.redactor
            let settings = RuntimeSettings(maxConcurrentJobs: inFlight, maxConcurrentJobsPerRecipe: inFlight)
            let sink = sink
            service = EngineService(
                store: counting, interpreter: interpreter,
                intake: WebhookIntake(project: project, verifiers: fixture.runtime.webhookVerifiers),
                owner: "bench-e2e-\(name)", settings: settings, log: EventLog(sink: sink, clock: { Timestamp.milliseconds(Date()) }))
            router = service.router()
            try await service.start()
        }

        /// Hands in every delivery (32 at once, as concurrent connections would) and waits
        /// until as many jobs ended; jobs/s over the whole.
        func pass(_ deliveries: [WebhookDelivery]) async throws -> Double {
            let before = sink.finished
            let failedBefore = sink.failed.load(ordering: .relaxed)
            let path = WebhookIntake.path(folder: "hibob-docebo", connection: "hibob")
            let router = router
            let start = ContinuousClock.now
            try await withThrowingTaskGroup(of: Void.self) { group in
                var next = 0
                func launch() {
                    let delivery = deliveries[next]
                    next += 1
                    group.addTask {
                        var headers = HTTPHeaders()
                        for (name, value) in delivery.headers { headers.add(name, value) }
                        headers.add("Content-Length", String(delivery.body.count))
                        let answer = await router.handle(HTTPRequest(method: .post, target: path, headers: headers, body: delivery.body))
                        check(answer.status == 200, "webhook answered \(answer.status): \(String(decoding: answer.body, as: UTF8.self))")
                    }
                }
                while next < min(32, deliveries.count) { launch() }
                for try await _ in group where next < deliveries.count { launch() }
            }
            while sink.finished - before < deliveries.count {
                try await Task.sleep(for: .milliseconds(1))
                check(ContinuousClock.now - start < .seconds(120), "jobs did not end within 120 s: \(sink.finished - before) of \(deliveries.count)")
            }
            let elapsed = seconds(ContinuousClock.now - start)
            check(sink.failed.load(ordering: .relaxed) == failedBefore, "a job failed: \(sink.lastFailure)")
            return Double(deliveries.count) / elapsed
        }

        func stop() async {
            await service.stop()
            try? FileManager.default.removeItem(at: directory)
        }
    }

    static func run() async throws {
        let fixture = try SandboxFixture(employees: E2EBenchmark.companySize)
        let sandbox = fixture.sandbox
        let project = ProjectLoader.load(root: fixture.root)
        guard let verifier = fixture.runtime.webhookVerifiers["hibob"] else {
            throw SandboxFixture.SetupError(description: "the hibob connection has no webhook verifier")
        }
        let interpreter = Interpreter(project: project, connectors: fixture.runtime.registry, notifier: RecordingNotifier())
        let employees = Array(sandbox.hibobEmployees.prefix(jobsPerRound))
        func deliveries(_ round: Int) -> [WebhookDelivery] {
            // A distinct triggeredAt per round: bodies differ, so no delivery is a duplicate.
            let at = SandboxDate.hibobTimestamp(Date(timeIntervalSince1970: 1_780_000_000 + Double(round) * 60))
            return employees.map { employee in
                sandbox.delivery(
                    for: HiBobEvent(
                        companyID: sandbox.configuration.hibob.companyID, type: "employee.updated", triggeredAt: at,
                        data: ["employeeId": .string(employee.id), "fieldUpdates": [["fieldId": "work.department"]]]))
            }
        }
        let journalOn = try await Engine(fixture: fixture, project: project, journalOff: false, name: "journal")
        let journalOff = try await Engine(fixture: fixture, project: project, journalOff: true, name: "nojournal")
        let floor = try await E2EBenchmark.Floor(fixture: fixture, verifier: verifier)

        // Warm-up: the in-memory engine creates the Docebo users, then each contender runs once.
        let seeded = sandbox.doceboUsers.count
        var round = 0
        _ = try await E2EBenchmark.pass(deliveries(round)) { _ = try await E2EBenchmark.engineJob($0, verifier: verifier, interpreter: interpreter) }
        check(sandbox.doceboUsers.count == seeded + jobsPerRound, "the warm-up did not create \(jobsPerRound) Docebo users")
        round += 1
        _ = try await journalOn.pass(deliveries(round))
        round += 1
        _ = try await journalOff.pass(deliveries(round))
        _ = try await E2EBenchmark.pass(deliveries(0)) { try await floor.job($0) }

        var on: [Double] = []
        var off: [Double] = []
        var memory: [Double] = []
        var hand: [Double] = []
        let journalCommitsBefore = journalOn.counting.journalCommits.load(ordering: .relaxed)
        let commitsBefore = journalOn.counting.totalCommits
        let commitsOffBefore = journalOff.counting.totalCommits
        for _ in 0..<serveRounds {
            round += 1
            on.append(try await journalOn.pass(deliveries(round)))
            round += 1
            off.append(try await journalOff.pass(deliveries(round)))
            memory.append(
                try await E2EBenchmark.pass(deliveries(round)) { _ = try await E2EBenchmark.engineJob($0, verifier: verifier, interpreter: interpreter) }
                    .perSecond)
            hand.append(try await E2EBenchmark.pass(deliveries(round)) { try await floor.job($0) }.perSecond)
        }
        let timedJobs = Double(serveRounds * jobsPerRound)
        let journalPerJob = Double(journalOn.counting.journalCommits.load(ordering: .relaxed) - journalCommitsBefore) / timedJobs
        let commitsPerJob = Double(journalOn.counting.totalCommits - commitsBefore) / timedJobs
        let commitsOffPerJob = Double(journalOff.counting.totalCommits - commitsOffBefore) / timedJobs
        check(sandbox.doceboUsers.count == seeded + jobsPerRound, "Docebo has \(sandbox.doceboUsers.count) users, not \(seeded) + \(jobsPerRound)")

        let label = "durable-e2e \(recipe), webhook → store → worker pool (\(inFlight) workers), \(jobsPerRound) jobs/round"
        report("\(label): journal on", Summary(on), unit: "jobs/s", target: nil)
        report("\(label): journal off", Summary(off), unit: "jobs/s", target: nil)
        report("\(label): in-memory engine (e2e engine, no store)", Summary(memory), unit: "jobs/s", target: nil)
        report("\(label): hand-written floor", Summary(hand), unit: "jobs/s", target: nil)
        reportAtLeast("\(label): journal on / floor", Summary(zip(on, hand).map { $0 / $1 }), unit: "x", target: targetRatio)
        report("\(label): journal off / floor", Summary(zip(off, hand).map { $0 / $1 }), unit: "x", target: nil)
        report("\(label): journal on / journal off", Summary(zip(on, off).map { $0 / $1 }), unit: "x", target: nil)
        print(
            "durable-e2e commits per job: journal on \(format(commitsPerJob)) (of which journal entries \(format(journalPerJob))), "
                + "journal off \(format(commitsOffPerJob)); intake commits are shared by the deliveries of a group")
        fflush(nil)
        await journalOn.stop()
        await journalOff.stop()
        await fixture.stop()
    }
}
