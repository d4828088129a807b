// Shared suite: debounced jobs wait for their key to be quiet and take over later deliveries.
import RecipeData
import RecipeStore
import Testing

@Suite struct StoreDebounceTests {
    static func intake(_ n: Int, at time: Int64, recipe: String = "update", debounce: Int64? = 20_000) -> DeliveryIntake {
        var job = Make.job(recipe, key: "emp-1", at: time)
        job.trigger = ["n": .int(n)]
        job.debounce = debounce
        return DeliveryIntake(Make.delivery("d\(n)", at: time), jobs: [job])
    }

    @Test(arguments: StoreBackend.allCases)
    func aLaterDeliveryOfTheKeyIsCoalescedIntoTheWaitingJob(_ backend: StoreBackend) async throws {
        let store = try backend.make().store
        let first = try await store.appendDeliveries([Self.intake(1, at: 0)], dedupWindow: 1_000)[0]
        let jobID = try #require(first.jobIDs.first)
        #expect(try await store.job(id: jobID)?.job.runAfter == 20_000)
        let second = try await store.appendDeliveries([Self.intake(2, at: 5_000)], dedupWindow: 1_000)[0]
        #expect(second.jobIDs == [jobID])
        let job = try #require(try await store.job(id: jobID))
        #expect(job.job.trigger == ["n": 2] && job.job.deliveryID == second.id && job.job.runAfter == 25_000)
        #expect(try await store.jobs(JobFilter()).count == 1)
        let coalesced = try await store.deliveries(DeliveryFilter(coalescedInto: jobID))
        #expect(coalesced.map(\.id) == [first.id] && coalesced.first?.jobIDs == [jobID])
        // Quiet until 25 s: not claimable before, claimed at.
        #expect(try await store.claim(owner: "w", now: 24_999, lease: 1_000, limit: 5).isEmpty)
        #expect(try await store.claim(owner: "w", now: 25_000, lease: 1_000, limit: 5).map(\.id) == [jobID])
        // Once started it is not taken over: a new delivery makes a new job.
        let third = try await store.appendDeliveries([Self.intake(3, at: 25_001)], dedupWindow: 1_000)[0]
        #expect(third.jobIDs.count == 1 && third.jobIDs != [jobID])
    }

    /// Only the youngest job of the key is taken over: an update after a delete of the same
    /// employee (another recipe, not debounced) gets a job of its own behind the delete.
    @Test(arguments: StoreBackend.allCases)
    func aCoalescedEventNeverOvertakesALaterEventOfTheKey(_ backend: StoreBackend) async throws {
        let store = try backend.make().store
        let update = try await store.appendDeliveries([Self.intake(1, at: 0)], dedupWindow: 1_000)[0]
        let delete = try await store.appendDeliveries([Self.intake(2, at: 1_000, recipe: "delete", debounce: nil)], dedupWindow: 1_000)[0]
        let again = try await store.appendDeliveries([Self.intake(3, at: 2_000)], dedupWindow: 1_000)[0]
        #expect(Set(update.jobIDs + delete.jobIDs + again.jobIDs).count == 3)
        #expect(try await store.jobs(JobFilter(recipe: "update")).count == 2)
        #expect(try await store.delivery(id: update.id)?.coalescedInto == nil)
    }

    @Test(arguments: StoreBackend.allCases)
    func jobsWithoutDebounceOrKeyAreNeverCoalesced(_ backend: StoreBackend) async throws {
        let store = try backend.make().store
        _ = try await store.appendDeliveries([Self.intake(1, at: 0, debounce: nil), Self.intake(2, at: 1, debounce: nil)], dedupWindow: 0)
        var unkeyed = Self.intake(3, at: 2)
        unkeyed.jobs[0].orderingKey = nil
        var other = Self.intake(4, at: 3)
        other.jobs[0].orderingKey = nil
        _ = try await store.appendDeliveries([unkeyed, other], dedupWindow: 0)
        #expect(try await store.jobs(JobFilter()).count == 4)
    }
}
