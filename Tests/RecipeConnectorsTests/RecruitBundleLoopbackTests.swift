import Foundation
import RecipeData
import RecipeEngine
import RecipeSandbox
import RecipeTestSupport
import Testing

@Suite(.serialized)
struct RecruitBundleLoopbackTests {
    /// Seed 000: "When a position is approved in HiBob, Recruit creates a matching position.
    /// After the position is created, subsequent updates to the position in HiBob do not sync."
    @Test func anApprovedPositionIsCreatedOnceEvenAfterARedeliveryAndLaterUpdates() async throws {
        let bundle = try RecruitBundleLoopback()
        let (position, openings, events) = bundle.sandbox.createPosition(
            name: "Data Engineer", department: "Engineering", site: "Berlin", approved: true, openings: 2)
        var records = try await bundle.deliver(events)
        bundle.expectSucceeded(records)

        let created = bundle.recruitPositions(for: position.id)
        try #require(created.count == 1)
        let recruitID = try #require(created[0]["id"]?.stringValue)
        #expect(created[0]["title"] == "Data Engineer")
        #expect(created[0]["department"] == "Engineering" && created[0]["site"] == "Berlin")
        for opening in openings {
            let copies = bundle.recruitOpenings(for: opening.id)
            #expect(copies.count == 1)
            #expect(copies.first?["positionId"]?.stringValue == recruitID)
            #expect(copies.first?["name"]?.stringValue == opening.name)
            #expect(copies.first?["status"] == "open")
            #expect(copies.first?["expectedStartDate"]?.stringValue == opening.expectedStartDate)
        }

        // HiBob retries a delivery it thinks failed: the same events again create nothing.
        records = try await bundle.deliver(events)
        bundle.expectSucceeded(records)
        #expect(records.first?.message?.contains("already") == true)
        #expect(bundle.recruitPositions(for: position.id).count == 1)
        #expect(openings.allSatisfy { bundle.recruitOpenings(for: $0.id).count == 1 })

        // Renamed and moved in HiBob later: Recruit keeps what it has (recruiters own it).
        let update = try bundle.sandbox.updatePosition(position.id) {
            $0.name = "Senior Data Engineer"
            $0.department = "Research"
        }
        try #require(update.count == 1)
        records = try await bundle.deliver(update)
        bundle.expectSucceeded(records)
        #expect(records.first?.message?.contains("not synced") == true)
        #expect(bundle.recruitPositions(for: position.id) == created, "a later HiBob update never overwrites Recruit")
        #expect(bundle.sandbox.recruitPositions.count == 1 && bundle.sandbox.recruitOpenings.count == 2)
        await bundle.stop()
    }

    /// "Opening updates and cancellations in HiBob sync to Recruit in near real time."
    @Test func openingUpdatesCancellationsAndDeletionsFollowInRecruit() async throws {
        let bundle = try RecruitBundleLoopback()
        let (position, openings, events) = bundle.sandbox.createPosition(name: "Designer", approved: true, openings: 3)
        bundle.expectSucceeded(try await bundle.deliver(events))
        let recruitID = try #require(bundle.recruitPositions(for: position.id).first?["id"])
        let (held, closed, deleted) = (openings[0], openings[1], openings[2])
        let deletedCopy = try #require(bundle.recruitOpenings(for: deleted.id).first?["id"]?.stringValue)

        var records = try await bundle.deliver(
            try bundle.sandbox.updateOpening(held.id) {
                $0.recruitmentStatus = "onHold"
                $0.expectedStartDate = "2031-02-03"
                $0.name = "Designer (Lisbon)"
            })
        records += try await bundle.deliver(try bundle.sandbox.updateOpening(closed.id) { $0.recruitmentStatus = "closed" })
        let deletion = try bundle.sandbox.deleteOpening(deleted.id)
        records += try await bundle.deliver(deletion)
        let (added, addedEvents) = try bundle.sandbox.createOpening(
            positionID: position.id, name: "Designer #4", expectedStartDate: "2031-05-01", approved: true)
        records += try await bundle.deliver(addedEvents)
        bundle.expectSucceeded(records)

        let heldCopy = try #require(bundle.recruitOpenings(for: held.id).first)
        #expect(heldCopy["status"] == "on_hold")
        #expect(heldCopy["expectedStartDate"] == "2031-02-03")
        #expect(heldCopy["name"] == "Designer (Lisbon)")
        #expect(bundle.recruitOpenings(for: closed.id).first?["status"] == "cancelled")
        #expect(bundle.recruitOpenings(for: deleted.id).isEmpty, "deleted in HiBob: removed from Recruit")
        #expect(!bundle.sandbox.recruitOpenings.contains { $0["id"]?.stringValue == deletedCopy })
        let addedCopies = bundle.recruitOpenings(for: added.id)
        #expect(addedCopies.count == 1 && addedCopies.first?["positionId"] == recruitID)
        #expect(addedCopies.first?["status"] == "open")
        #expect(bundle.sandbox.recruitPositions.count == 1, "openings never add a second position")

        // The deletion delivered again: nothing left to remove, the job says so.
        let again = try await bundle.deliver(deletion)
        bundle.expectSucceeded(again)
        #expect(again.first?.message?.contains("nothing removed") == true)
        #expect(bundle.sandbox.recruitOpenings.count == 3)
        await bundle.stop()
    }

    /// "Recruit only syncs approved items from HiBob Workforce Planning."
    @Test func unapprovedPositionsAndOpeningsAreIgnoredUntilApproved() async throws {
        let bundle = try RecruitBundleLoopback()
        let (position, openings, events) = bundle.sandbox.createPosition(name: "Analyst", approved: false, openings: 2)
        var records = try await bundle.deliver(events)
        bundle.expectSucceeded(records)
        #expect(records.count == 3)
        for record in records { #expect(record.message?.contains("is not approved (pending): nothing written") == true) }
        #expect(bundle.recruitRequests == 0, "nothing was even asked of Recruit")
        #expect(bundle.sandbox.recruitPositions.isEmpty && bundle.sandbox.recruitOpenings.isEmpty)

        // Approval (position.updated, then each opening updated): now they reach Recruit.
        records = try await bundle.deliver(try bundle.sandbox.approvePosition(position.id))
        bundle.expectSucceeded(records)
        let recruitID = try #require(bundle.recruitPositions(for: position.id).first?["id"])
        for opening in openings { #expect(bundle.recruitOpenings(for: opening.id).first?["positionId"] == recruitID) }

        // An opening added later but not approved stays out of Recruit.
        let (pending, pendingEvents) = try bundle.sandbox.createOpening(positionID: position.id, name: "Analyst #3", approved: false)
        records = try await bundle.deliver(pendingEvents)
        bundle.expectSucceeded(records)
        #expect(records.first?.message?.contains("not approved") == true)
        #expect(bundle.recruitOpenings(for: pending.id).isEmpty)
        #expect(bundle.sandbox.recruitPositions.count == 1 && bundle.sandbox.recruitOpenings.count == 2)
        await bundle.stop()
    }

    /// Only HiBob may start a job: a delivery whose signature does not match, or that has
    /// none, is refused before any recipe runs.
    @Test func aTamperedOrUnsignedDeliveryRunsNothing() async throws {
        let bundle = try RecruitBundleLoopback()
        let (_, _, events) = bundle.sandbox.createPosition(name: "Forger", approved: true, openings: 1)
        let delivery = bundle.sandbox.delivery(for: try #require(events.first))
        var tampered = delivery.body
        let digit = try #require(tampered.lastIndex(of: UInt8(ascii: "4")))
        tampered[digit] = UInt8(ascii: "5")
        #expect(try await WebhookLoopbackTests.post(bundle.receiver.url, body: tampered, headers: delivery.headers) == 401)
        #expect(try await WebhookLoopbackTests.post(bundle.receiver.url, body: delivery.body, headers: [:]) == 401)
        #expect(bundle.receiver.verdicts == [.invalidSignature, .missingSignature])
        #expect(bundle.receiver.records.isEmpty && bundle.recruitRequests == 0)
        #expect(try await WebhookLoopbackTests.post(bundle.receiver.url, body: delivery.body, headers: delivery.headers) == 200)
        #expect(bundle.sandbox.recruitPositions.count == 1, "the genuine delivery goes through")
        await bundle.stop()
    }

    /// A Recruit outage outlasting every retry: the job fails, the error is e-mailed to the
    /// lookup table's address, and no half-made position is left behind.
    @Test func recruitAnswering500FailsTheJobAndEmailsTheError() async throws {
        let bundle = try RecruitBundleLoopback(clock: ManualClock())
        bundle.sandbox.setFaults(FaultSettings(forced: [ForcedStatus(status: 500, count: 100)]), for: .recruit)
        let (position, _, events) = bundle.sandbox.createPosition(name: "Recruiter", approved: true, openings: 1)
        let records = try await bundle.deliver(Array(events.prefix(1)))
        let record = try #require(records.first)
        #expect(record.status == .failed)
        #expect(record.error?.message.contains("HTTP 500") == true)
        let mails = bundle.notifier.notifications
        #expect(mails.count == 1)
        #expect(mails.first?.to == "recruiting-ops@example.com")
        #expect(mails.first?.subject.contains("hibob-recruit/capture-position failed") == true)
        #expect(bundle.sandbox.requestCounts(for: .recruit)[500, default: 0] >= 4, "the read was retried")

        bundle.sandbox.setFaults(FaultSettings(), for: .recruit)
        bundle.expectSucceeded(try await bundle.deliver(Array(events.prefix(1))))
        #expect(bundle.recruitPositions(for: position.id).count == 1, "the replay after the outage creates it once")
        await bundle.stop()
    }
}
