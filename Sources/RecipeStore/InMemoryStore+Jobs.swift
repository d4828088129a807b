// The in-memory twin's jobs, leases, journal and retention.
import RecipeData

extension InMemoryStore {
    public func enqueue(_ jobs: [NewJob]) throws(StoreError) -> [StoredJob] {
        jobs.map(insertJob)
    }

    func insertJob(_ job: NewJob) -> StoredJob {
        if let origin = job.originKey, let existing = jobRows.first(where: { $0.job.originKey == origin }) {
            return existing
        }
        lastJobID += 1
        let row = StoredJob(id: lastJobID, job: job)
        jobRows.append(row)
        return row
    }

    /// Inserts a delivery's job, or coalesces it into the waiting debounced job of its key.
    func insertOrCoalesce(_ job: NewJob) {
        var job = job
        guard let debounce = job.debounce, let key = job.orderingKey else {
            _ = insertJob(job)
            return
        }
        job.runAfter = job.createdAt + debounce
        guard let index = jobRows.lastIndex(where: { $0.job.orderingKey == key && $0.status.isUnfinished }),
            jobRows[index].job.recipe == job.recipe, jobRows[index].status == .queued, jobRows[index].attempts == 0,
            jobRows[index].job.debounce != nil
        else {
            _ = insertJob(job)
            return
        }
        if let previous = jobRows[index].job.deliveryID, let row = deliveryRows.firstIndex(where: { $0.id == previous }) {
            deliveryRows[row].coalescedInto = jobRows[index].id
        }
        jobRows[index].job.trigger = job.trigger
        jobRows[index].job.deliveryID = job.deliveryID
        jobRows[index].job.contentHash = job.contentHash
        jobRows[index].job.runAfter = job.runAfter
        jobRows[index].job.debounce = debounce
    }

    public func claim(owner: String, now: Int64, lease: Int64, limits: ClaimLimits) throws(StoreError) -> [StoredJob] {
        var blockedKeys: Set<String> = []
        var claimed: [StoredJob] = []
        var taken = limits.running
        let saturated = Set(limits.saturatedRecipes)
        var scanned = 0
        let scanLimit = max(limits.total, 0) * ClaimLimits.scanFactor
        for index in jobRows.indices where claimed.count < limits.total && scanned < scanLimit {
            let row = jobRows[index]
            guard row.status.isUnfinished else { continue }
            if let key = row.job.orderingKey {
                // The oldest unfinished job of a key blocks every younger one.
                guard blockedKeys.insert(key).inserted else { continue }
            }
            let lapsed = row.status == .running && (row.leaseExpiresAt ?? Int64.min) <= now
            let due = row.job.runAfter.map { $0 <= now } ?? true
            guard (row.status == .queued && due) || lapsed, !saturated.contains(row.job.recipe) else { continue }
            scanned += 1
            if let perRecipe = limits.perRecipe, taken[row.job.recipe, default: 0] >= perRecipe { continue }
            taken[row.job.recipe, default: 0] += 1
            jobRows[index].status = .running
            jobRows[index].attempts += 1
            jobRows[index].leaseOwner = owner
            jobRows[index].leaseExpiresAt = now + lease
            jobRows[index].startedAt = jobRows[index].startedAt ?? now
            claimed.append(jobRows[index])
        }
        return claimed
    }

    public func renewLease(jobID: Int64, owner: String, now: Int64, lease: Int64) throws(StoreError) -> StoredJob {
        let index = try heldIndex(jobID, owner)
        jobRows[index].leaseExpiresAt = now + lease
        return jobRows[index]
    }

    public func expireAllLeases(now: Int64) throws(StoreError) -> Int {
        var count = 0
        for index in jobRows.indices where jobRows[index].status == .running {
            jobRows[index].leaseExpiresAt = now
            count += 1
        }
        return count
    }

    public func postpone(jobID: Int64, owner: String, runAfter: Int64) throws(StoreError) -> StoredJob {
        let index = try heldIndex(jobID, owner)
        jobRows[index].status = .queued
        jobRows[index].job.runAfter = runAfter
        jobRows[index].leaseOwner = nil
        jobRows[index].leaseExpiresAt = nil
        return jobRows[index]
    }

    public func finish(_ batch: [JobFinish]) throws(StoreError) -> [Result<StoredJob, StoreError>] {
        batch.map { end in
            do throws(StoreError) {
                return .success(try finishOne(jobID: end.jobID, owner: end.owner, outcome: end.outcome, now: end.now))
            } catch {
                return .failure(error)
            }
        }
    }

    private func finishOne(jobID: Int64, owner: String, outcome: JobOutcome, now: Int64) throws(StoreError) -> StoredJob {
        let index = try heldIndex(jobID, owner)
        switch outcome {
        case .succeeded(let result):
            jobRows[index].status = .succeeded
            jobRows[index].result = result
        case .failed(let error):
            jobRows[index].status = .failed
            jobRows[index].error = error
        case .cancelled:
            jobRows[index].status = .cancelled
        }
        jobRows[index].finishedAt = now
        jobRows[index].leaseExpiresAt = nil
        return jobRows[index]
    }

    public func acknowledge(jobID: Int64, now: Int64) throws(StoreError) -> StoredJob? {
        guard let index = jobRows.firstIndex(where: { $0.id == jobID }) else { return nil }
        if jobRows[index].status == .failed, jobRows[index].acknowledgedAt == nil { jobRows[index].acknowledgedAt = now }
        return jobRows[index]
    }

    public func countJobs(status: StoredJobStatus) throws(StoreError) -> Int {
        jobRows.count { $0.status == status }
    }

    public func job(id: Int64) throws(StoreError) -> StoredJob? {
        jobRows.first { $0.id == id }
    }

    public func jobs(_ filter: JobFilter) throws(StoreError) -> [StoredJob] {
        Array(
            jobRows.reversed().filter { row in
                (filter.recipe.map { row.job.recipe == $0 } ?? true)
                    && (filter.status.map { row.status == $0 } ?? true)
                    && (filter.since.map { row.job.createdAt >= $0 } ?? true)
                    && (filter.parentID.map { row.job.parentID == $0 } ?? true)
            }.prefix(max(filter.limit, 0)))
    }

    public func appendJournal(_ batch: [JournalAppend]) throws(StoreError) -> [Result<JournalAppended, StoreError>] {
        batch.map { append in
            do throws(StoreError) {
                _ = try heldIndex(append.entry.jobID, append.owner)
            } catch {
                return .failure(error)
            }
            let stored = StoredJournalEntry(sequence: (journalRows[append.entry.jobID]?.count ?? 0) + 1, entry: append.entry)
            journalRows[append.entry.jobID, default: []].append(stored)
            return .success(JournalAppended(entry: stored, children: append.children.map(insertJob)))
        }
    }

    public func journal(jobID: Int64) throws(StoreError) -> [StoredJournalEntry] {
        journalRows[jobID] ?? []
    }

    public func pruneSucceededJobs(_ policy: RetentionPolicy, now: Int64) throws(StoreError) -> Int {
        let cutoff = now - policy.maxSucceededAge
        let kept = Set(
            jobRows.filter { $0.status == .succeeded }
                .sorted { ($0.finishedAt ?? 0, $0.id) > ($1.finishedAt ?? 0, $1.id) }
                .prefix(max(policy.maxSucceededCount, 0)).map(\.id))
        let doomed = Set(
            jobRows.filter { row in
                if row.id == lastJobID { return false }  // the newest row stays: ids are never reused
                switch row.status {
                case .succeeded: return (row.finishedAt ?? 0) < cutoff || !kept.contains(row.id)
                case .failed: return row.acknowledgedAt != nil && (row.finishedAt ?? 0) < cutoff
                default: return false
                }
            }.map(\.id))
        jobRows.removeAll { doomed.contains($0.id) }
        for id in doomed { journalRows[id] = nil }
        return doomed.count
    }

    public func pruneDeliveries(receivedBefore: Int64, limit: Int) throws(StoreError) -> Int {
        let referenced = Set(jobRows.compactMap(\.job.deliveryID))
        let newest = deliveryRows.map(\.id).max()
        // Duplicates first (nothing refers to them), then the firsts no kept duplicate points at.
        var doomed: Set<Int64> = []
        for row in deliveryRows where doomed.count < limit {
            if row.delivery.receivedAt < receivedBefore, row.duplicateOf != nil, row.id != newest, !referenced.contains(row.id) {
                doomed.insert(row.id)
            }
        }
        let pointedAt = Set(deliveryRows.filter { !doomed.contains($0.id) }.compactMap(\.duplicateOf))
        for row in deliveryRows where doomed.count < limit {
            if row.delivery.receivedAt < receivedBefore, row.duplicateOf == nil, row.id != newest, !referenced.contains(row.id),
                !pointedAt.contains(row.id)
            {
                doomed.insert(row.id)
            }
        }
        deliveryRows.removeAll { doomed.contains($0.id) }
        return doomed.count
    }

    /// The index of a running job that `owner` holds; `leaseLost` or `unknownJob` otherwise.
    private func heldIndex(_ jobID: Int64, _ owner: String) throws(StoreError) -> Int {
        guard let index = jobRows.firstIndex(where: { $0.id == jobID }) else { throw .unknownJob(jobID) }
        guard jobRows[index].status == .running, jobRows[index].leaseOwner == owner else {
            throw .leaseLost(jobID: jobID, owner: owner)
        }
        return index
    }
}
