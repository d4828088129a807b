// The questions the operator commands and the admin API answer from the store: one
// implementation each, so `recipes jobs` on the database and `GET /admin/v1/jobs` give the
// same rows, and `OperatorJSON` turns them into the same documents.
import RecipeData
import RecipeModel
import RecipeStore

/// A job with its children and journal, as `recipes job` shows it.
public struct JobDetail: Sendable, Equatable {
    public var job: StoredJob
    /// Jobs whose `parentId` is this job (sub-recipe calls, re-runs).
    public var children: [StoredJob]
    public var journal: [StoredJournalEntry]

    public init(job: StoredJob, children: [StoredJob], journal: [StoredJournalEntry]) {
        self.job = job
        self.children = children
        self.journal = journal
    }

    /// `{"version": 1, "job": {...}}`.
    public var json: JSONValue { OperatorJSON.jobDetail(job, children: children, journal: journal) }
}

/// A delivery with the jobs it started that are still kept.
public struct DeliveryView: Sendable, Equatable {
    public var delivery: StoredDelivery
    public var jobs: [StoredJob]

    public init(delivery: StoredDelivery, jobs: [StoredJob]) {
        self.delivery = delivery
        self.jobs = jobs
    }

    /// The row of `recipes deliveries --json`.
    public var json: JSONValue { OperatorJSON.deliveryRow(delivery, jobs: jobs) }

    /// `{"version": 1, "deliveries": [row...]}`.
    public static func document(_ views: [DeliveryView]) -> JSONValue {
        OperatorJSON.document("deliveries", .array(views.map(\.json)))
    }
}

/// A re-run queued by `rerun`.
public struct Rerun: Sendable, Equatable {
    /// The new job, `parentId` = the original's id.
    public var created: StoredJob
    public var original: StoredJob
    /// Whether the recipe is started (else the new job runs the content the original ran).
    public var recipeStarted: Bool

    /// `{"version": 1, "job": row}` of the new job.
    public var json: JSONValue { OperatorJSON.document("job", OperatorJSON.jobRow(created)) }
}

/// Reads and writes of the operator commands over any store.
public enum OperatorQueries {
    /// The jobs of `filter`, newest first.
    public static func jobs(_ filter: JobFilter, store: any RecipeStore) async throws(OperatorError) -> [StoredJob] {
        do { return try await store.jobs(filter) } catch { throw .store(error) }
    }

    /// Job `id` with its children (up to `OperatorLimits.maxChildren`) and journal.
    public static func job(_ id: Int64, store: any RecipeStore) async throws(OperatorError) -> JobDetail {
        do {
            guard let job = try await store.job(id: id) else { throw OperatorError.notFound("no job \(id)") }
            let children = try await store.jobs(JobFilter(parentID: id, limit: OperatorLimits.maxChildren))
            return JobDetail(job: job, children: children, journal: try await store.journal(jobID: id))
        } catch let error as OperatorError {
            throw error
        } catch {
            throw .store(error as? StoreError ?? .backend(detail: String(describing: error)))
        }
    }

    /// The deliveries of `filter`, newest first, each with up to
    /// `OperatorLimits.maxJobsPerDelivery` of the jobs it started.
    public static func deliveries(_ filter: DeliveryFilter, store: any RecipeStore) async throws(OperatorError) -> [DeliveryView] {
        var views: [DeliveryView] = []
        do {
            for delivery in try await store.deliveries(filter) {
                var jobs: [StoredJob] = []
                for id in delivery.jobIDs.prefix(OperatorLimits.maxJobsPerDelivery) {
                    if let job = try await store.job(id: id) { jobs.append(job) }
                }
                views.append(DeliveryView(delivery: delivery, jobs: jobs))
            }
        } catch { throw .store(error) }
        return views
    }

    /// Queues a new job of job `id`'s recipe with its trigger and ordering key, linked to it;
    /// it runs the recipe's pinned content when started, else the content the old job ran.
    /// A queued or running job is refused.
    public static func rerun(_ id: Int64, store: any RecipeStore, now: Int64) async throws(OperatorError) -> Rerun {
        do {
            guard let found = try await store.job(id: id) else { throw OperatorError.notFound("no job \(id)") }
            guard !found.status.isUnfinished else {
                throw OperatorError.refused("job \(id) is still \(found.status.rawValue); re-run it once it has finished")
            }
            let lifecycle = try await store.lifecycle(recipe: found.job.recipe)
            let started = lifecycle?.state == .started
            let job = NewJob(
                recipe: found.job.recipe, contentHash: (started ? lifecycle?.pinnedContentHash : nil) ?? found.job.contentHash,
                trigger: found.job.trigger, orderingKey: found.job.orderingKey, parentID: found.id, createdAt: now)
            guard let created = try await store.enqueue([job]).first else { throw StoreError.corrupt("enqueue returned no job") }
            // A re-run failure is dealt with: retention may prune it.
            let original = try await store.acknowledge(jobID: found.id, now: now) ?? found
            return Rerun(created: created, original: original, recipeStarted: started)
        } catch let error as OperatorError {
            throw error
        } catch {
            throw .store(error as? StoreError ?? .backend(detail: String(describing: error)))
        }
    }

    /// Acknowledges failed job `id` (the operator has dealt with it): retention may then prune
    /// it like a succeeded job. Other statuses are refused.
    public static func acknowledge(_ id: Int64, store: any RecipeStore, now: Int64) async throws(OperatorError) -> StoredJob {
        let found: StoredJob?
        do { found = try await store.job(id: id) } catch { throw .store(error) }
        guard let found else { throw .notFound("no job \(id)") }
        guard found.status == .failed else {
            throw .refused("job \(id) is \(found.status.rawValue); only failed jobs are acknowledged")
        }
        do {
            return try await store.acknowledge(jobID: id, now: now) ?? found
        } catch { throw .store(error) }
    }

    /// One status row per recipe of `project` (of `folder`, when given), plus recipes the store
    /// knows whose file is gone, by name. An unknown folder is `notFound`.
    public static func status(folder: String?, project: Project, store: any RecipeStore, now: Int64) async throws(OperatorError)
        -> [RecipeStatus]
    {
        do {
            let lifecycles = try await store.lifecycles()
            let inFolder = { (name: String) in folder.map { name.hasPrefix($0 + "/") } ?? true }
            if let folder, !project.folders.contains(folder), !lifecycles.contains(where: { inFolder($0.recipe) }) {
                throw OperatorError.notFound(
                    "no folder '\(DisplayText.line(folder, limit: 200))'\(Suggestion.didYouMean(folder, among: project.folders))")
            }
            var hashes: [String: String?] = [:]
            for recipe in project.sortedRecipes where inFolder(recipe.qualifiedName) { hashes[recipe.qualifiedName] = recipe.contentHash }
            for lifecycle in lifecycles where inFolder(lifecycle.recipe) && hashes[lifecycle.recipe] == nil {
                hashes[lifecycle.recipe] = .some(nil)  // in the store, but its file is gone or does not load
            }
            var rows: [RecipeStatus] = []
            for name in hashes.keys.sorted() {
                let lastJob = try await store.jobs(JobFilter(recipe: name, limit: 1)).first
                let failures = try await store.jobs(
                    JobFilter(recipe: name, status: .failed, since: now - OperatorLimits.failureWindow, limit: OperatorLimits.maxCountedFailures))
                rows.append(
                    RecipeStatus(
                        recipe: name, currentContentHash: hashes[name] ?? nil, lifecycle: lifecycles.first { $0.recipe == name },
                        lastJob: lastJob, recentFailures: failures.count))
            }
            return rows
        } catch let error as OperatorError {
            throw error
        } catch {
            throw .store(error as? StoreError ?? .backend(detail: String(describing: error)))
        }
    }
}
