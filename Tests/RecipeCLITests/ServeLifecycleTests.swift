// `recipes serve` on the real binary, beyond crashes: a job that fails after its retries sends
// its error e-mail through a real SMTP server (the sandbox's sink), without a secret; SIGTERM
// stops the server gracefully; a stopped recipe records the delivery and starts nothing.
import Foundation
import RecipeData
import RecipeTestSupport
import Testing

@Suite(.serialized) struct ServeLifecycleTests {
    @Test(.timeLimit(.minutes(1)))
    func aFailedJobMailsItsErrorThroughSMTPAndSIGTERMStopsCleanly() async throws {
        let harness = try ServeHarness(employees: 50, seed: 3)
        defer { harness.stopAll() }
        #expect(try harness.recipes(["start", "hibob-docebo", "--db", harness.database.path, "--project", harness.root.path]).status == 0)
        try harness.startServe()
        // Docebo refuses every write: the create fails (a 400 is not retried) and the recipe's
        // error handling mails NOTIFICATION_MAIL_ID.
        _ = try harness.sandboxJSON("POST", "/_sandbox/faults", #"{"vendor": "docebo", "forced": [{"status": 400, "count": 1000}]}"#)
        let hibob = ServeHiBobPlayer(harness: harness)
        try hibob.change("POST", "/_sandbox/hibob/employees", #"{"firstName": "Mae", "surname": "Jemison", "email": "mae.jemison@life.example"}"#, employee: 1)
        let jobs = try harness.waitForQuietJobs(expected: 1)
        let failed = jobs.filter { $0["status"]?.stringValue == "failed" && ($0["parentId"]?.isNull ?? true) }
        #expect(failed.count == 1)
        let jobID = try #require(failed.first?["id"]?.intValue)
        // `recipes job` shows the stored record as `run --trace` does: every step, the error.
        let detail = try harness.recipes(["job", String(jobID), "--db", harness.database.path, "--project", harness.root.path])
        #expect(detail.status == 0)
        let steps = detail.stdout.components(separatedBy: "\nsteps\n").last ?? ""
        #expect(detail.stdout.contains("\nsteps\n") && steps.contains("retrieve") && steps.contains("HTTP 400"))
        #expect(steps.contains("job \(jobID) hibob-docebo/capture-user-create failed"))

        var messages: [JSONValue] = []
        let deadline = Date().addingTimeInterval(20)
        while messages.isEmpty && Date() < deadline {
            messages = try harness.sandboxJSON("GET", "/_sandbox/mail")["messages"]?.arrayValue ?? []
            if messages.isEmpty { usleep(50_000) }
        }
        #expect(messages.count == 1)
        let mail = try #require(messages.first)
        #expect(mail["to"]?.arrayValue?.compactMap(\.stringValue) == ["integrations-alerts@example.com"]
            || mail["to"]?.stringValue?.contains("integrations-alerts@example.com") == true)
        let body = mail["body"]?.stringValue ?? ""
        // The e-mail names the job id `recipes jobs` shows, and carries no secret.
        #expect(body.contains(String(jobID)))
        for (name, value) in harness.environment where name.hasSuffix("SECRET") || name.hasSuffix("PASSWORD") || name.hasSuffix("TOKEN") {
            guard value.count >= 6 else { continue }
            #expect(!body.contains(value), "\(name) in the e-mail")
        }

        // SIGTERM: exit 0, the stop logged, and a restart finds nothing left running.
        #expect(harness.terminateServe() == 0)
        let log = harness.serveLogs.last ?? ""
        #expect(log.contains("event=server.stopping") && log.contains("event=server.stopped"))
        try harness.startServe()
        #expect(harness.serveLogs.last?.contains("event=recovery.done reclaimed=0") == true)
    }
}
