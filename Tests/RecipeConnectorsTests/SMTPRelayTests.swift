import Foundation
import RecipeConnectors
import RecipeEngine
import RecipeHTTP
import RecipeHTTPCore
import RecipeTestSupport
import Testing

@Suite(.serialized)
struct SMTPRelayTests {
    @Test func theErrorNotificationReachesARealSMTPServer() async throws {
        let relay = try SMTPRelay()
        let notifier = SMTPNotifier(configuration: .init(host: "127.0.0.1", port: relay.port, from: "engine@example.com"))
        try await notifier.send(
            MailNotification(
                to: "ops@example.com", subject: "[RecipeEngine] hibob-docebo/capture-user-update failed",
                body: "Job 42 failed at step retrieve:\n.leading dot stays\nhibob.get_employee failed: 503"))
        let message = try #require(relay.messages.first)
        #expect(message.contains("X-Envelope-To: ops@example.com"))
        #expect(message.contains("Subject: [RecipeEngine] hibob-docebo/capture-user-update failed"))
        #expect(message.contains("\r\n.leading dot stays\r\n"))
        #expect(message.contains("hibob.get_employee failed: 503"))
    }

    @Test func authPlainWithTheRightPasswordAndA535WithTheWrongOne() async throws {
        let relay = try SMTPRelay(credentials: ("mailer", "relay-pass-42"))
        let good = SMTPNotifier(
            configuration: .init(host: "127.0.0.1", port: relay.port, from: "engine@example.com", username: "mailer", password: "relay-pass-42"))
        try await good.send(MailNotification(to: "ops@example.com", subject: "ok", body: "authenticated"))
        #expect(relay.messages.count == 1)

        let bad = SMTPNotifier(
            configuration: .init(host: "127.0.0.1", port: relay.port, from: "engine@example.com", username: "mailer", password: "not-it-99"))
        do {
            try await bad.send(MailNotification(to: "ops@example.com", subject: "no", body: "refused"))
            Issue.record("sent with a wrong password")
        } catch let error as ConnectorError {
            #expect(error.message.contains("AUTH was answered 535"))
            #expect(!error.retryable)
            #expect(!error.message.contains("not-it-99"))
        }
        #expect(relay.messages.count == 1)
    }

    @Test func anUnreachableRelayIsARetryableFailure() async throws {
        let probe = try Socket.listen(host: "127.0.0.1", port: 0, backlog: 1)
        let port = try Socket.localPort(of: probe)
        probe.close()
        let notifier = SMTPNotifier(configuration: .init(host: "127.0.0.1", port: port, from: "engine@example.com", timeout: .seconds(2)))
        do {
            try await notifier.send(MailNotification(to: "ops@example.com", subject: "x", body: "y"))
            Issue.record("sent to a closed port")
        } catch let error as ConnectorError {
            #expect(error.retryable)
        }
    }
}
