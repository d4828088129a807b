import Foundation
import RecipeConnectors
import RecipeData
import RecipeEngine
import RecipeModel
import RecipeSandbox
import RecipeTestSupport
import Testing

/// Seed 002 end to end: Greenhouse stage changes, hires and rejections reach HiPeople, and a
/// completed reference check comes back as a Greenhouse note. What counts is the state the
/// fakes are left in. Redeliveries are fed to the recipes on purpose (the intake would drop a
/// repeated `Greenhouse-Event-ID`): the recipes must be safe without it, because Greenhouse
/// also fires a new event whenever a candidate re-enters a stage.
@Suite(.serialized)
struct HiPeopleBundleLoopbackTests {
    /// A new application to mapped job 3000, as the sandbox makes it.
    static func apply(_ bundle: HiPeopleBundleLoopback, _ name: String, job: Int = 3000) throws -> (GreenhouseApplication, GreenhouseEvent) {
        try bundle.sandbox.createApplication(
            firstName: name, lastName: "Loopback", email: "\(name).Loopback@Candidates.example", jobID: job)
    }

    static func expectSucceeded(_ records: [JobRecord], sourceLocation: Testing.SourceLocation = #_sourceLocation) {
        #expect(!records.isEmpty, "a recipe ran", sourceLocation: sourceLocation)
        for record in records {
            #expect(record.status == .succeeded, "\(record.recipe): \(record.error?.message ?? "")", sourceLocation: sourceLocation)
        }
    }

    @Test func mappedStagesSyncTheCandidateAndSendEachRequestOnceAcrossRedeliveriesAndReentries() async throws {
        let bundle = try HiPeopleBundleLoopback()
        let (application, submitted) = try Self.apply(bundle, "Grace")
        let ats = application.candidateID

        // Applied: synced to role_1 (job 3000's row), no request (Application Review is not mapped).
        Self.expectSucceeded(try await bundle.deliver([submitted]))
        let synced = bundle.hipeopleCandidates(ats: ats)
        #expect(synced.count == 1)
        #expect(synced.first?["role_id"]?.stringValue == "role_1")
        #expect(synced.first?["email"]?.stringValue == "grace.loopback@candidates.example")
        #expect(synced.first?["first_name"]?.stringValue == "Grace")
        #expect(bundle.sandbox.hipeopleRequests.isEmpty)

        // Assessment: one assessment; the same delivery again sends no second one.
        let assessment = try bundle.sandbox.moveApplication(application.id, toStage: "Assessment")
        Self.expectSucceeded(try await bundle.deliver([assessment]))
        Self.expectSucceeded(try await bundle.deliver([assessment]))
        #expect(bundle.requests("assessment", ats: ats).count == 1)

        // Reference Check, back to Assessment, Reference Check again: one of each, ever.
        Self.expectSucceeded(try await bundle.deliver([try bundle.sandbox.moveApplication(application.id, toStage: "Reference Check")]))
        Self.expectSucceeded(try await bundle.deliver([try bundle.sandbox.moveApplication(application.id, toStage: "Assessment")]))
        let again = try bundle.sandbox.moveApplication(application.id, toStage: "Reference Check")
        Self.expectSucceeded(try await bundle.deliver([again, again]))
        #expect(bundle.requests("assessment", ats: ats).count == 1)
        #expect(bundle.requests("reference_check", ats: ats).count == 1)
        #expect(bundle.hipeopleCandidates(ats: ats).count == 1, "synced once, never duplicated")

        // An unmapped stage and an unmapped job: the jobs succeed, say why, and change nothing.
        let before = (bundle.sandbox.hipeopleCandidates, bundle.sandbox.hipeopleRequests)
        let phone = try await bundle.deliver([try bundle.sandbox.moveApplication(application.id, toStage: "Phone Screen")])
        Self.expectSucceeded(phone)
        #expect(phone.first?.message?.contains("stage 'Phone Screen' of Greenhouse job 3000 has no HIPEOPLE_ACTION row") == true)
        let (other, otherSubmitted) = try Self.apply(bundle, "Alan", job: 3002)
        var unmapped = try await bundle.deliver([otherSubmitted])
        unmapped += try await bundle.deliver([try bundle.sandbox.moveApplication(other.id, toStage: "Assessment")])
        Self.expectSucceeded(unmapped)
        for record in unmapped { #expect(record.message?.contains("job 3002") == true) }
        #expect(bundle.sandbox.hipeopleCandidates == before.0 && bundle.sandbox.hipeopleRequests == before.1)

        // A tampered delivery is refused by the signature check and runs nothing.
        let delivery = bundle.sandbox.delivery(for: again)
        var tampered = delivery.body
        tampered[tampered.count / 2] ^= 0x01
        #expect(try await WebhookLoopbackTests.post(bundle.url("greenhouse"), body: tampered, headers: delivery.headers) == 401)
        #expect(bundle.refused == 1)
        #expect(bundle.notifier.notifications.isEmpty)
        await bundle.stop()
    }

    @Test func hiredAndRejectedMarkTheHiPeopleCandidates() async throws {
        let bundle = try HiPeopleBundleLoopback()
        let (hired, hiredSubmitted) = try Self.apply(bundle, "Ada")
        let (rejected, rejectedSubmitted) = try Self.apply(bundle, "Edsger")
        let (unknown, _) = try Self.apply(bundle, "Barbara")  // never synced: its submission is not delivered
        Self.expectSucceeded(try await bundle.deliver([hiredSubmitted, rejectedSubmitted]))

        Self.expectSucceeded(try await bundle.deliver([try bundle.sandbox.hireApplication(hired.id)]))
        Self.expectSucceeded(try await bundle.deliver([try bundle.sandbox.rejectApplication(rejected.id)]))
        let notSynced = try await bundle.deliver([try bundle.sandbox.hireApplication(unknown.id)])

        #expect(bundle.hipeopleCandidates(ats: hired.candidateID).map { $0["status"]?.stringValue } == ["hired"])
        #expect(bundle.hipeopleCandidates(ats: rejected.candidateID).map { $0["status"]?.stringValue } == ["rejected"])
        Self.expectSucceeded(notSynced)
        #expect(notSynced.first?.message?.contains("is not in HiPeople role role_1") == true)
        #expect(bundle.hipeopleCandidates(ats: unknown.candidateID).isEmpty, "a hire does not create a HiPeople candidate")
        await bundle.stop()
    }

    @Test func aCompletedReferenceCheckAddsOneNoteWithTheReportLinkToTheGreenhouseCandidate() async throws {
        let bundle = try HiPeopleBundleLoopback()
        let (application, _) = try Self.apply(bundle, "Katherine")
        Self.expectSucceeded(try await bundle.deliver([try bundle.sandbox.moveApplication(application.id, toStage: "Reference Check")]))
        let check = try #require(bundle.requests("reference_check", ats: application.candidateID).first)
        let checkID = try #require(check["id"]?.stringValue)

        let completed = try bundle.sandbox.completeReferenceCheck(checkID)
        Self.expectSucceeded(try await bundle.deliver([completed]))
        Self.expectSucceeded(try await bundle.deliver([completed]))  // redelivered

        let report = try #require(completed.data["report_url"]?.stringValue)
        let notes = bundle.sandbox.greenhouseNotes.filter { $0.candidateID == application.candidateID }
        #expect(notes.count == 1, "one note, also after a redelivery")
        #expect(notes.first?.body.contains(report) == true)
        #expect(notes.first?.visibility == "public")
        #expect(notes.first?.userID == 4000, "written On-Behalf-Of the connection's Greenhouse user")
        await bundle.stop()
    }

    @Test func thePollAddsTheNoteOfACompletedCheckWhoseWebhookNeverArrivedAndOnlyOnce() async throws {
        // The engine's clock runs 10 minutes ahead: the poll leaves checks completed in the last 5 to their webhook.
        let bundle = try HiPeopleBundleLoopback(clock: ManualClock(start: Date().addingTimeInterval(600)))
        let (application, _) = try Self.apply(bundle, "Margaret")
        Self.expectSucceeded(try await bundle.deliver([try bundle.sandbox.moveApplication(application.id, toStage: "Reference Check")]))
        let checkID = try #require(bundle.requests("reference_check", ats: application.candidateID).first?["id"]?.stringValue)
        bundle.sandbox.setWebhookTarget(nil, for: .hipeople)  // HiPeople's webhook is lost
        let completed = try bundle.sandbox.completeReferenceCheck(checkID)
        #expect(bundle.sandbox.greenhouseNotes.filter { $0.candidateID == application.candidateID }.isEmpty)

        let poll = RecipeID(folder: HiPeopleBundleLoopback.folder, name: "poll-completed-reference-checks")
        Self.expectSucceeded([await bundle.interpreter.run(poll, trigger: .object([:]))])
        Self.expectSucceeded([await bundle.interpreter.run(poll, trigger: .object([:]))])  // the next run overlaps

        let notes = bundle.sandbox.greenhouseNotes.filter { $0.candidateID == application.candidateID }
        #expect(notes.count == 1)
        #expect(notes.first?.body.contains(try #require(completed.data["report_url"]?.stringValue)) == true)
        await bundle.stop()
    }

    @Test func hipeopleFailingWith500FailsTheJobAndEmailsTheLookupTableAddress() async throws {
        let bundle = try HiPeopleBundleLoopback(clock: ManualClock())
        let (application, _) = try Self.apply(bundle, "Frances")
        bundle.sandbox.setFaults(FaultSettings(forced: [ForcedStatus(status: 500, count: 1_000)]), for: .hipeople)

        let records = try await bundle.deliver([try bundle.sandbox.moveApplication(application.id, toStage: "Assessment")])

        #expect(records.count == 1)
        #expect(records.first?.status == .failed)
        #expect(records.first?.error?.message.contains("HTTP 500") == true)
        #expect(bundle.sandbox.requestCounts(for: .hipeople)[500, default: 0] >= 4, "the step was retried")
        #expect(bundle.sandbox.hipeopleCandidates.isEmpty && bundle.sandbox.hipeopleRequests.isEmpty)
        let mails = bundle.notifier.notifications
        #expect(mails.map(\.to) == ["recruiting-integrations@example.com"])
        #expect(mails.first?.subject == "[RecipeEngine] greenhouse-hipeople/candidate-stage-change failed")
        await bundle.stop()
    }
}
