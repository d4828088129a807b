import RecipeData
import RecipeEngine
import RecipeModel
import RecipeTestSupport
import Testing

/// A notify step records whether its e-mail went to a mail system: a notifier that only shows
/// the message (the console of `recipes run` without a relay) must not be recorded as sent.
struct NotificationRecordTests {
    /// Shows notifications somewhere without sending them.
    struct ShowingNotifier: Notifier {
        func send(_ notification: MailNotification) async throws {}
        var delivers: Bool { false }
    }

    @Test(arguments: [(true, true), (false, false)])
    func theStepRecordsWhetherTheMailWasSent(_ delivering: Bool, _ sent: Bool) async throws {
        let harness = try EngineHarness([
            "mail": """
                {"name": "Mail", "trigger": {"manual": {}},
                 "steps": [{"id": "tell", "notify": {"to": "ops@example.com", "subject": "hello"}}]}
                """
        ])
        var interpreter = harness.interpreter
        if !delivering { interpreter.notifier = ShowingNotifier() }
        let record = await interpreter.run(RecipeID(folder: "t", name: "mail"), trigger: [:])
        #expect(record.status == .succeeded)
        #expect(record.step("tell")?.output == ["to": "ops@example.com", "subject": "hello", "sent": .bool(sent)])
        #expect(harness.notifier.notifications.count == (delivering ? 1 : 0))
    }
}
