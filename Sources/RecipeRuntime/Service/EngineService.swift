// `recipes serve` without its sockets: the routes (webhooks, health, readiness), the intake's
// group-commit writer, the worker pool and the recovery pass, wired over one store. The CLI
// gives it a bound HTTP server, a store and an interpreter; tests give it the same over a real
// SQLite file and loopback sockets.
//
// Order at the webhook (issue 8, "Contracts"): the intake's checks (size, folder and connection,
// method, ping, signature, JSON) → the started recipes that listen → stored durably (group
// commit) → 200. A 2xx is only ever answered for what is on disk; a store that cannot take it
// answers 503 with Retry-After.
import Foundation
import RecipeConnectors
import RecipeData
import RecipeEngine
import RecipeHTTPCore
import RecipeIntake
import RecipeModel
import RecipeStore
import Synchronization

/// The durable engine behind `recipes serve`.
public final class EngineService: Sendable {
    public let store: any RecipeStore
    /// The project, interpreter, intake, routing and scheduler it runs now.
    public let served: ServedProject
    public let settings: RuntimeSettings
    public let writer: DeliveryWriter
    public let pool: WorkerPool
    public let startedRecipes: StartedRecipes
    public let log: EventLog
    public let metrics: EngineMetrics
    let clock: any EngineClock
    private let ready = Atomic<Bool>(false)
    private let background = Mutex<[Task<Void, Never>]>([])
    let schedulerLoop = Mutex<Task<Void, Never>?>(nil)
    /// The re-pinned contents last tried, so a reload that cannot happen is not retried (and
    /// logged) every second.
    let lastReloadAttempt = Mutex<[String: String]>([:])
    private let admin: AdminSettings?

    /// - Parameters:
    ///   - owner: this process's lease-holder name (unique per process: host, pid, start time).
    ///   - log: receives one line per event handled.
    public init(
        store: any RecipeStore, interpreter: Interpreter, intake: WebhookIntake, owner: String,
        settings: RuntimeSettings = .default, log: EventLog, metrics: EngineMetrics = EngineMetrics(),
        schedulerSettings: SchedulerSettings = .default, admin: AdminSettings? = nil
    ) {
        self.admin = admin
        let durable = Self.durable(interpreter, settings)
        let served = ServedProject(store: store, interpreter: durable, intake: intake, schedulerSettings: schedulerSettings)
        self.served = served
        self.store = store
        self.settings = settings
        self.clock = interpreter.clock
        self.log = log
        self.metrics = metrics
        startedRecipes = StartedRecipes(store: store, refresh: settings.lifecycleRefresh)
        var runner = JobRunner(store: store, currentInterpreter: { served.snapshot.interpreter }, owner: owner, settings: settings)
        runner.observe = { record in metrics.jobRecorded(record) }
        let pool = WorkerPool(
            runner: runner,
            settings: settings,
            onEvent: { event in Self.record(event, log: log, metrics: metrics) })
        self.pool = pool
        writer = DeliveryWriter(store: store, settings: settings) { deliveries, seconds in
            metrics.storeCommitted(seconds: seconds, deliveries: deliveries)
            pool.wake()
        }
    }

    /// Whether the recovery pass is done (`/readyz`).
    public var isReady: Bool { ready.load(ordering: .acquiring) }

    /// The recovery pass, then the workers: a restarted single-process server holds the
    /// database, so its previous incarnation's running jobs are made claimable at once (not
    /// after their leases), and resume from their journals.
    public func start() async throws(StoreError) {
        let now = Timestamp.milliseconds(clock.now())
        let reclaimed = try await store.expireAllLeases(now: now)
        _ = try await startedRecipes.reload(now: now)
        ready.store(true, ordering: .releasing)
        log.info(.recoveryDone, ["reclaimed": reclaimed])
        pool.start()
        startScheduler()
    }

    /// Fires schedules (and runOnStart) and prunes old jobs while the service runs.
    private func startScheduler() {
        runScheduler(served.snapshot.scheduler)
        let retention = Task {
            while !Task.isCancelled {
                try? await self.clock.sleep(for: .milliseconds(self.settings.retentionInterval))
                if Task.isCancelled { return }
                await self.pruneNow()
            }
        }
        let reloads = Task {
            while !Task.isCancelled {
                try? await self.clock.sleep(for: .milliseconds(self.settings.lifecycleRefresh))
                await self.reloadRepinnedRecipes()
            }
        }
        background.withLock { $0 = [retention, reloads] }
    }

    /// Runs `scheduler`'s loop in place of the one running.
    func runScheduler(_ scheduler: Scheduler) {
        let (clock, pool, log) = (clock, pool, log)
        let loop = SchedulerLoop(
            scheduler: scheduler, now: { Timestamp.milliseconds(clock.now()) },
            sleep: { milliseconds in try await clock.sleep(for: .milliseconds(milliseconds)) },
            onJobs: { jobs in
                for job in jobs {
                    log.info(.scheduleFired, ["job": job.id, "recipe": job.job.recipe, "origin": job.job.originKey ?? "-"])
                }
                pool.wake()
            },
            onError: { error in log.error("schedule.failed", ["error": String(describing: error)]) })
        let task = Task { await loop.run() }
        schedulerLoop.withLock { previous in
            previous?.cancel()
            previous = task
        }
    }

    /// Deliveries deleted per retention pass at most (one transaction; the next pass goes on).
    public static let deliveriesPrunedPerPass = 10_000

    /// The retention pass: prunes succeeded jobs by the settings' policy, then deliveries older
    /// than its delivery age (never younger than the dedup window) that no job refers to;
    /// returns how many jobs.
    @discardableResult
    public func pruneNow() async -> Int {
        do {
            let now = Timestamp.milliseconds(clock.now())
            let pruned = try await store.pruneSucceededJobs(settings.retention, now: now)
            let age = max(settings.retention.maxDeliveryAge, settings.dedupWindow)
            let deliveries = try await store.pruneDeliveries(receivedBefore: now - age, limit: Self.deliveriesPrunedPerPass)
            if pruned > 0 || deliveries > 0 { log.info("retention.pruned", ["jobs": pruned, "deliveries": deliveries]) }
            return pruned
        } catch {
            log.error("retention.failed", ["error": String(describing: error)])
            return 0
        }
    }

    /// Stops taking deliveries and claiming jobs; running jobs get the grace period, the rest
    /// resume on the next start.
    public func stop() async {
        writer.stop()
        ready.store(false, ordering: .releasing)
        for task in background.withLock({ $0 }) { task.cancel() }
        schedulerLoop.withLock { $0 }?.cancel()
        let left = await pool.stop()
        log.info("server.stopped", ["jobs_left": left])
    }

    /// The routes: `/webhooks/{folder}/{connection}`, `GET /healthz`, `GET /readyz`.
    public func router() -> Router {
        var router = Router()
        router.addAnyMethod("/\(WebhookIntake.pathPrefix)/{folder}/{connection}") { request, parameters in
            try await self.receive(request, folder: parameters["folder"] ?? "", connection: parameters["connection"] ?? "")
        }
        router.add(.get, "/healthz") { _, _ in .json(["status": "ok"]) }
        router.add(.get, "/readyz") { _, _ in
            guard self.isReady else { throw HTTPError(status: 503, code: "not_ready", message: "recovery has not finished") }
            return .json(["status": "ready"])
        }
        admin.map { AdminAPI(store: store, startedRecipes: startedRecipes, settings: $0) }?.register(into: &router)
        router.add(.get, "/metrics") { _, _ in
            if let queued = try? await self.store.countJobs(status: .queued) { self.metrics.queueDepthChanged(to: queued) }
            return HTTPResponse(
                status: 200, headers: ["Content-Type": PrometheusText.contentType], body: Array(self.metrics.render().utf8))
        }
        return router
    }

    private func receive(_ request: HTTPRequest, folder: String, connection: String) async throws -> HTTPResponse {
        let snapshot = served.snapshot
        let intake = snapshot.intake
        let outcome: IntakeOutcome
        do {
            outcome = try intake.receive(request, folder: folder, connection: connection, at: clock.now())
        } catch {
            let known = intake.verifiers[connection] != nil
            metrics.deliveryAnswered(connection: known ? connection : nil, outcome: Self.outcome(of: error))
            log.warning(
                .deliveryRejected,
                ["folder": folder, "connection": connection, "status": error.httpError.status, "reason": error.httpError.code])
            throw error
        }
        guard case .accepted(let delivery) = outcome else {
            metrics.deliveryAnswered(connection: connection, outcome: .ping)
            log.info("delivery.ping", ["folder": folder, "connection": connection])
            return outcome.response
        }
        let stored: StoredDelivery
        do throws(DeliveryWriteError) {
            let lifecycles: [String: RecipeLifecycle]
            do {
                lifecycles = try await startedRecipes.rows(now: Timestamp.milliseconds(clock.now()))
            } catch {
                throw DeliveryWriteError.store(error)
            }
            stored = try await writer.submit(snapshot.routing.intake(for: delivery, lifecycles: lifecycles))
        } catch {
            metrics.deliveryAnswered(connection: connection, outcome: .overloaded)
            log.warning(.deliveryRejected, ["folder": folder, "connection": connection, "status": 503, "reason": Self.reason(error)])
            throw HTTPError(
                status: 503, code: "unavailable", message: "the delivery was not stored; retry later",
                headers: ["Retry-After": String(settings.overloadRetryAfterSeconds)])
        }
        metrics.deliveryAnswered(connection: connection, outcome: stored.duplicateOf == nil ? .accepted : .duplicate)
        if let first = stored.duplicateOf {
            log.info(.deliveryDuplicate, ["delivery": stored.id, "folder": folder, "connection": connection, "duplicate_of": first])
        } else {
            log.info(.deliveryAccepted, [
                "delivery": stored.id, "folder": folder, "connection": connection, "event_type": delivery.eventType ?? "-",
                "jobs": stored.jobIDs.map(String.init).joined(separator: ","),
            ])
        }
        var body: JSONObject = [
            "received": "delivery", "delivery": .int(Int(stored.id)),
            "jobs": .array(stored.jobIDs.map { .int(Int($0)) }),
        ]
        if let first = stored.duplicateOf { body["duplicateOf"] = .int(Int(first)) }
        return .json(.object(body))
    }

    private static func outcome(of error: IntakeError) -> EngineMetrics.DeliveryOutcome {
        switch error {
        case .bodyTooLarge: .tooLarge
        case .notAWebhookPath, .unknownFolder, .unknownConnection, .methodNotAllowed: .unknown
        case .missingSignature, .invalidSignature: .rejectedSignature
        case .malformedJSON: .malformed
        }
    }

    /// The log line and metrics of a worker event.
    private static func record(_ event: WorkerEvent, log: EventLog, metrics: EngineMetrics) {
        switch event {
        case .claimed(let job, let resumed):
            log.info(resumed ? .jobResumed : .jobClaimed, ["job": job.id, "recipe": job.job.recipe, "attempt": job.attempts])
        case .ended(let job, .finished(let stored, let status), let seconds):
            metrics.jobFinished(recipe: job.job.recipe, status: stored)
            let fields: LogFields = ["job": job.id, "recipe": job.job.recipe, "status": status.rawValue, "ms": Int((seconds * 1000).rounded())]
            if stored == .failed { log.error(.jobFailed, fields) } else { log.info(.jobSucceeded, fields) }
        case .ended(let job, .postponed(let until), _):
            log.info("job.waiting", ["job": job.id, "recipe": job.job.recipe, "until": Logfmt.timestamp(milliseconds: until)])
        case .ended(let job, .abandoned(let reason), _):
            log.warning("job.left", ["job": job.id, "recipe": job.job.recipe, "reason": reason])
        case .claimFailed(let error):
            log.error("job.claim_failed", ["error": String(describing: error)])
        }
    }

    /// The interpreter as the durable runtime runs it: long retry waits go to the store.
    private static func durable(_ interpreter: Interpreter, _ settings: RuntimeSettings) -> Interpreter {
        var interpreter = interpreter
        interpreter.maxInProcessWait = .milliseconds(settings.maxInProcessWait)
        return interpreter
    }

    private static func reason(_ error: DeliveryWriteError) -> String {
        switch error {
        case .overloaded(let backlog): "overloaded (backlog \(backlog))"
        case .store(let error): "store: \(error)"
        case .stopped: "stopping"
        }
    }
}
