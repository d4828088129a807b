import Foundation
import RecipeData
import RecipeEngine
import RecipeModel
import RecipeTestSupport
import Synchronization
import Testing

/// Resuming a job from the records of an earlier run: completed side effects are not repeated.
struct JournalTests {
    @Test func completedActionsAreReplayedNotRepeated() async throws {
        var harness = try EngineHarness([
            "sync": """
                {"name": "Sync", "trigger": {"manual": {}},
                 "steps": [{"id": "each", "foreach": "trigger.emails", "steps": [
                    {"id": "create", "action": "create_user", "connection": "docebo", "input": {"email": "{{ item }}"}}]},
                    {"id": "mail", "notify": {"to": "ops@example.com", "subject": "done"}}]}
                """
        ])
        let crashed = Mutex(false)
        let docebo = FunctionConnector([
            "create_user": { request in
                let crashNow = crashed.withLock { done in
                    guard !done, request.input["email"] == "b@example.com" else { return false }
                    done = true
                    return true
                }
                if crashNow { throw ConnectorError(.http, "crashed mid-job", status: 400) }
                return ["created": request.input["email"]!]
            }
        ])
        harness.connectors["docebo"] = docebo
        let first = await harness.run("sync", ["emails": ["a@example.com", "b@example.com", "c@example.com"]])
        #expect(first.status == .failed)
        #expect(docebo.requests.count == 2)

        // The second run resumes from the first run's records: 'a' is not created again.
        let second = await harness.run("sync", ["emails": ["a@example.com", "b@example.com", "c@example.com"]], journal: RecordedJournal(first.steps))
        #expect(second.status == .succeeded)
        #expect(docebo.requests.map { $0.input["email"] } == ["a@example.com", "b@example.com", "b@example.com", "c@example.com"])
        #expect(second.steps.filter { $0.step == "create" }.map(\.status) == [.replayed, .succeeded, .succeeded])
        #expect(second.steps.first { $0.step == "create" }?.output == ["created": "a@example.com"])
        #expect(harness.notifier.notifications.count == 1)

        // A third run from the second run's records repeats nothing at all.
        let third = await harness.run("sync", ["emails": ["a@example.com", "b@example.com", "c@example.com"]], journal: RecordedJournal(second.steps))
        #expect(third.status == .succeeded)
        #expect(docebo.requests.count == 4)
        #expect(harness.notifier.notifications.count == 1)
    }
}
